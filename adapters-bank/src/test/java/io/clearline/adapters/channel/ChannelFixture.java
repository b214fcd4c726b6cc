package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.BankDeliveries;
import io.clearline.adapters.outbound.InboundMessageStore;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.OutboundMessage;
import io.clearline.adapters.outbound.OutboxStore;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.payment.api.CancelWarehousedPaymentCommand;
import io.clearline.core.payment.api.ReturnPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import io.clearline.iso20022.Iso20022Reader;
import io.clearline.iso20022.Iso20022Writer;
import io.clearline.iso20022.ReaderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A channel as the node wires it, with the core replaced by a command bus that records what it is
 * sent and answers with {@link #answer}, a query bus that answers payment look-ups from
 * {@link #payments}, and the outbox on an in-memory database.
 */
public final class ChannelFixture implements AutoCloseable {
    public static final String ALPHA = "ALPHEUAAXXX";
    public static final String BRAVO = "BRAVEUBBXXX";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);

    public final List<SubmitPaymentCommand> submitted = new CopyOnWriteArrayList<>();
    public final List<PledgeLiquidityCommand> pledged = new CopyOnWriteArrayList<>();
    public final List<ReturnPaymentCommand> returned = new CopyOnWriteArrayList<>();
    public final List<CancelQueuedPaymentCommand> cancelled = new CopyOnWriteArrayList<>();
    public final List<CancelWarehousedPaymentCommand> cancelledWarehoused = new CopyOnWriteArrayList<>();
    /** What the core does with a return: null accepts it, anything else is thrown as its refusal. */
    volatile RuntimeException returnRefusal;
    /** The core refuses a return of more than this, as more than is left of the payment to return. */
    volatile long returnRefusedAboveMinorUnits = Long.MAX_VALUE;
    final List<OutboundMessage> filesWritten = new CopyOnWriteArrayList<>();
    volatile SubmitPaymentOutcome answer = SubmitPaymentOutcome.ACCEPTED;
    /** The core's payment view by UETR, as {@code FindPaymentQuery} answers it. */
    public final Map<String, PaymentView> payments = new ConcurrentHashMap<>();
    /** When set, every payment look-up fails as if the core were down. */
    volatile boolean coreUnavailable;
    public final OutboxStore outbox;
    public final InboundMessageStore originals;
    public final InboundMessageService service;
    public final OutboundDelivery delivery;
    public final Iso20022Writer writer = new Iso20022Writer("CENBEUCBXXX", CLOCK);
    final CamelContext camel = new DefaultCamelContext();

    /** A channel whose outbound files are collected in {@link #filesWritten} instead of written. */
    public ChannelFixture() throws Exception {
        this(true);
        camel.start();
    }

    /** @param collectFiles false when the test adds the real file routes itself (and starts Camel) */
    ChannelFixture(boolean collectFiles) throws Exception {
        this(collectFiles, BankDeliveries.allToFolders());
    }

    /** A channel whose banks' messages go where {@code deliveries} says; the test starts Camel. */
    ChannelFixture(boolean collectFiles, BankDeliveries deliveries) throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:channel-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        outbox = new OutboxStore(jdbc, CLOCK);
        outbox.createSchemaIfMissing();
        originals = new InboundMessageStore(jdbc, CLOCK);
        originals.createSchemaIfMissing();
        MessageReceipts receipts = new MessageReceipts(jdbc, CLOCK);
        receipts.createSchemaIfMissing();
        if (collectFiles) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(OutboundDelivery.FILE_DELIVERY_ENDPOINT)
                            .process(exchange -> filesWritten.add(exchange.getIn().getBody(OutboundMessage.class)));
                }
            });
        }
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(PledgeLiquidityCommand.class.getName(), command -> {
            pledged.add((PledgeLiquidityCommand) command.getPayload());
            return null;
        });
        commandBus.subscribe(SubmitPaymentCommand.class.getName(), command -> {
            submitted.add((SubmitPaymentCommand) command.getPayload());
            return answer;
        });
        commandBus.subscribe(CancelQueuedPaymentCommand.class.getName(), command -> {
            cancelled.add((CancelQueuedPaymentCommand) command.getPayload());
            return null;
        });
        commandBus.subscribe(CancelWarehousedPaymentCommand.class.getName(), command -> {
            cancelledWarehoused.add((CancelWarehousedPaymentCommand) command.getPayload());
            return null;
        });
        commandBus.subscribe(ReturnPaymentCommand.class.getName(), command -> {
            if (returnRefusal != null) {
                throw returnRefusal;
            }
            ReturnPaymentCommand returnCommand = (ReturnPaymentCommand) command.getPayload();
            if (returnCommand.amount().minorUnits() > returnRefusedAboveMinorUnits) {
                throw new IllegalArgumentException("a return of " + returnCommand.amount().minorUnits()
                        + " exceeds the " + returnRefusedAboveMinorUnits + " (minor units) left to return");
            }
            boolean repeated = returned.stream().anyMatch(earlier -> earlier.returnUetr().equals(returnCommand.returnUetr()));
            returned.add(returnCommand);
            return repeated ? SubmitPaymentOutcome.REPEATED : SubmitPaymentOutcome.ACCEPTED;
        });
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        queryBus.subscribe(FindPaymentQuery.class.getName(), PaymentView.class, query -> {
            if (coreUnavailable) {
                throw new IllegalStateException("the core is down");
            }
            return payments.get(((FindPaymentQuery) query.getPayload()).uetr().value());
        });
        delivery = new OutboundDelivery(outbox, camel.createProducerTemplate(), deliveries);
        Iso20022Reader reader = new Iso20022Reader(ReaderSettings.defaults(CLOCK));
        service = new InboundMessageService(reader, writer, DefaultCommandGateway.builder().commandBus(commandBus)
                .build(), DefaultQueryGateway.builder().queryBus(queryBus).build(), originals, delivery, receipts,
                Duration.ofSeconds(5));
    }

    public List<OutboundMessage> outboxOf(String bic) {
        return outbox.page(bic, 0, OutboxStore.PAGE_SIZE_MAX);
    }

    @Override
    public void close() throws Exception {
        camel.close();
    }
}
