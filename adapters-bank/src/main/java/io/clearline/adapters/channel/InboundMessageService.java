package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.InboundMessageStore;
import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.adapters.outbound.StatusReports;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.PaymentReferences;
import io.clearline.core.payment.api.ReturnPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import io.clearline.iso20022.CancellationRequestMessage;
import io.clearline.iso20022.CancellationResolution;
import io.clearline.iso20022.CreditTransfer;
import io.clearline.iso20022.CreditTransferMessage;
import io.clearline.iso20022.DerivedUetrs;
import io.clearline.iso20022.FinancialInstitutionCreditTransfer;
import io.clearline.iso20022.FinancialInstitutionCreditTransferMessage;
import io.clearline.iso20022.InboundMessage;
import io.clearline.iso20022.InboundResult;
import io.clearline.iso20022.Iso20022Reader;
import io.clearline.iso20022.Iso20022Writer;
import io.clearline.iso20022.LiquidityTransferMessage;
import io.clearline.iso20022.PaymentReturn;
import io.clearline.iso20022.Rejection;
import io.clearline.iso20022.ReturnMessage;
import io.clearline.iso20022.StatusReport;
import io.clearline.iso20022.StatusRequestMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;

/**
 * The one way into Clearline for an ISO 20022 message, whichever channel brought it: read and check
 * it, refuse it with a pacs.002 RJCT, or act on it: submit each of its payments to the core, pledge
 * liquidity, or answer a status request with the payments' current status.
 *
 * <p>A refused message changes nothing but the rejection sent back. An accepted one is submitted
 * payment by payment, keyed by UETR, so a bank that resends after a time-out cannot pay twice.
 *
 * <p>FI credit transfers (pacs.009) and returns (pacs.004) become payments of their own;
 * cancellation requests (camt.056) are answered with a camt.029 payment by payment.
 */
public class InboundMessageService {
    private static final String STATUS_REPORT_TYPE = "pacs.002.001.10";
    private static final String RESOLUTION_TYPE = "camt.029.001.09";
    /**
     * The outcome of a return the core refused while others of its message went on: the ISO status of the
     * pacs.002 that answers it.
     */
    static final String REFUSED_OUTCOME = StatusReport.Status.REJECTED.isoCode();

    private final Iso20022Reader reader;
    private final Iso20022Writer writer;
    private final CommandGateway commands;
    private final StatusRequestAnswers statusAnswers;
    private final CancellationAnswers cancellations;
    private final InboundMessageStore originals;
    private final OutboundDelivery delivery;
    private final MessageReceipts receipts;
    private final Duration submitTimeout;

    /**
     * @param queries       answers the core's {@link io.clearline.core.payment.api.FindPaymentQuery} for status
     *                      requests (pacs.028) and cancellation requests (camt.056)
     * @param submitTimeout how long the core has to answer a message's commands, or a status request's look-ups
     */
    public InboundMessageService(Iso20022Reader reader, Iso20022Writer writer, CommandGateway commands,
                                 QueryGateway queries, InboundMessageStore originals, OutboundDelivery delivery,
                                 MessageReceipts receipts, Duration submitTimeout) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.originals = Objects.requireNonNull(originals, "originals");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.submitTimeout = Objects.requireNonNull(submitTimeout, "submitTimeout");
        this.statusAnswers = new StatusRequestAnswers(Objects.requireNonNull(queries, "queries"), submitTimeout);
        this.cancellations = new CancellationAnswers(commands, queries, delivery, writer, submitTimeout);
    }

    /**
     * @param xml        the message exactly as the bank sent it
     * @param channelBic the bank the channel is bound to (the authenticated user, the inbox folder)
     */
    public InboundAnswer receive(byte[] xml, String channelBic) {
        InboundResult result = reader.read(xml, channelBic);
        if (result instanceof InboundResult.Rejected rejected) {
            return refuse(channelBic, rejected.rejection());
        }
        InboundMessage read = ((InboundResult.Accepted) result).message();
        Optional<MessageReceipts.Earlier> earlier = receipts.earlier(channelBic, read.messageId(), xml);
        if (earlier.isPresent()) {
            return answerAgain(channelBic, read, earlier.get());
        }
        InboundAnswer answer = switch (read) {
            case CreditTransferMessage payments -> submit(payments, xml, channelBic);
            case LiquidityTransferMessage transfer -> pledge(channelBic, transfer);
            case StatusRequestMessage request -> answerStatusRequest(channelBic, request);
            case FinancialInstitutionCreditTransferMessage transfers -> submitFiTransfer(channelBic, transfers, xml);
            case ReturnMessage returns -> returnPayments(channelBic, returns, xml);
            case CancellationRequestMessage cancellation -> answerCancellation(channelBic, cancellation, xml);
        };
        if (answer instanceof InboundAnswer.Accepted accepted) {
            receipts.keep(channelBic, xml, accepted);
        }
        return answer;
    }

    /**
     * A bank moves its own reserves onto the ledger (camt.050 with itself as creditor): a pledge keyed
     * by the bank and its message id, so a resend pledges nothing twice. The camt.025 receipt follows
     * once the cash is issued. Moving ledger cash back to reserves needs redemption, which the ledger
     * does not have yet: such a request is refused plainly.
     */
    private InboundAnswer pledge(String channelBic, LiquidityTransferMessage transfer) {
        if (transfer.creditorBic() != null && !transfer.creditorBic().equals(transfer.debtorBic())) {
            return refuse(channelBic, new Rejection("AG01", "a liquidity transfer to another bank ("
                    + transfer.creditorBic() + ") is a payment: send a pacs.009; this node takes camt.050 only"
                    + " to move a bank's own reserves onto the ledger", transfer.messageId(),
                    transfer.messageDefinition()));
        }
        String transferId = LiquidityTransferIds.of(channelBic, transfer.messageId());
        try {
            commands.send(new PledgeLiquidityCommand(transferId, Bic.of(channelBic),
                    Money.of(transfer.amountMinorUnits(), transfer.currency())))
                    .get(submitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException failure) {
            return new InboundAnswer.Refused(InboundAnswer.Problem.CORE_UNAVAILABLE, "NARR",
                    "Settlement did not confirm liquidity transfer " + transfer.messageId() + " in time; resend the"
                            + " same message (it is idempotent on its message id) to learn its outcome");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pledging " + transferId, interrupted);
        }
        return new InboundAnswer.Accepted(transfer.messageId(), transfer.messageDefinition(),
                List.of(new InboundAnswer.TransactionOutcome(transferId, "ACCEPTED")));
    }

    /**
     * A bank asks for the status of its payments (pacs.028): one pacs.002 answers every question, each payment
     * with its current status if the bank pays or receives it, else as not known. The HTTP answer lists the
     * same statuses by UETR (null for a question without one).
     */
    private InboundAnswer answerStatusRequest(String channelBic, StatusRequestMessage request) {
        Optional<List<StatusReport>> reports = statusAnswers.answer(channelBic, request);
        if (reports.isEmpty()) {
            return new InboundAnswer.Refused(InboundAnswer.Problem.CORE_UNAVAILABLE, "NARR",
                    "Settlement did not answer status request " + request.messageId() + " in time; ask again");
        }
        delivery.deliver(channelBic, STATUS_REPORT_TYPE, "pacs.002:status-request:" + request.messageId(),
                writer.paymentStatusReport(reports.get()));
        return new InboundAnswer.Accepted(request.messageId(), request.messageDefinition(),
                reports.get().stream()
                        .map(report -> new InboundAnswer.TransactionOutcome(report.originalUETR(),
                                report.status().isoCode()))
                        .toList());
    }

    /**
     * A cancellation request (camt.056) is answered with a camt.029 that refuses every payment in it: the core
     * cannot cancel yet, and saying otherwise would tell the bank a payment stopped that may still settle.
     */
    /** The payer's camt.056, answered with one camt.029 (see {@link CancellationAnswers}). */
    private InboundAnswer answerCancellation(String channelBic, CancellationRequestMessage cancellation, byte[] xml) {
        Optional<CancellationResolution> resolution = cancellations.answer(channelBic, cancellation, xml);
        if (resolution.isEmpty()) {
            return new InboundAnswer.Refused(InboundAnswer.Problem.CORE_UNAVAILABLE, "NARR",
                    "Settlement did not answer cancellation request " + cancellation.assignmentId() + " in time;"
                            + " ask again");
        }
        delivery.deliver(channelBic, RESOLUTION_TYPE, "camt.029:" + cancellation.assignmentId(),
                writer.cancellationResolution(resolution.get()));
        return new InboundAnswer.Accepted(cancellation.assignmentId(), cancellation.messageDefinition(),
                resolution.get().outcomes().stream()
                        .map(outcome -> new InboundAnswer.TransactionOutcome(outcome.request().originalUetr(),
                                outcome.status().isoCode()))
                        .toList());
    }

    private InboundAnswer answerAgain(String channelBic, InboundMessage message, MessageReceipts.Earlier earlier) {
        return switch (earlier) {
            case MessageReceipts.Earlier.SameMessage same -> same.firstAnswer();
            case MessageReceipts.Earlier.OtherMessage other -> refuse(channelBic, new Rejection("DU01",
                    "message id " + message.messageId() + " was already used by this bank for another message",
                    message.messageId(), message.messageDefinition()));
        };
    }

    private InboundAnswer submit(CreditTransferMessage message, byte[] xml, String channelBic) {
        return submitEach(channelBic, message, xml, message.transactions().stream()
                .map(transfer -> command(message, transfer))
                .toList());
    }

    /**
     * Submits every payment of a message to the core at once, each keyed by its UETR, then answers with one
     * outcome per payment, in the message's order. A payment whose UETR already belongs to other content is
     * answered on its own (AM05); the others go on. If the core does not confirm one in time the bank is told to
     * resend, which is safe: each payment is idempotent on its UETR.
     */
    private InboundAnswer submitEach(String channelBic, InboundMessage message, byte[] xml,
                                     List<SubmitPaymentCommand> payments) {
        List<CompletableFuture<SubmitPaymentOutcome>> submitted = new ArrayList<>();
        for (SubmitPaymentCommand payment : payments) {
            originals.keep(payment.uetr().value(), message.messageId(), channelBic, xml);
            submitted.add(commands.send(payment));
        }
        List<InboundAnswer.TransactionOutcome> outcomes = new ArrayList<>();
        for (int index = 0; index < submitted.size(); index++) {
            SubmitPaymentCommand payment = payments.get(index);
            Optional<SubmitPaymentOutcome> confirmed = confirmed(submitted.get(index), payment.uetr().value());
            if (confirmed.isEmpty()) {
                return unconfirmed(payment.uetr().value());
            }
            if (confirmed.get() == SubmitPaymentOutcome.DUPLICATE) {
                refuseTransaction(channelBic, payment.uetr(), payment.references(), payment.contentDigest(),
                        new Rejection("AM05", "UETR " + payment.uetr().value() + " belongs to another payment with"
                                + " different content; this one is refused and the first is unchanged",
                                message.messageId(), message.messageDefinition()));
            }
            outcomes.add(new InboundAnswer.TransactionOutcome(payment.uetr().value(), confirmed.get().name()));
        }
        return new InboundAnswer.Accepted(message.messageId(), message.messageDefinition(), outcomes);
    }

    /**
     * The payee of a settled payment sends (part of) it back (pacs.004): each return becomes a payment of
     * its own, under a UETR derived from the returning bank, its message id and the return's RtrId (or the
     * original UETR), so a resend is the same return. Each settles like any payment; the original payer then
     * gets the pacs.004 forwarded, cut down to its own return, with its camt.054.
     *
     * <p>The core may refuse a return (not the bank's payment, more than is left to return): the others of the
     * message go on, and the refused one is answered with a pacs.002 RJCT of its own. Only when every return is
     * refused is the message refused as a whole, as nothing of it happened.
     */
    private InboundAnswer returnPayments(String channelBic, ReturnMessage message, byte[] xml) {
        List<ReturnPaymentCommand> returns = message.transactions().stream()
                .map(returned -> returnCommand(channelBic, message, returned))
                .toList();
        Optional<String> repeated = firstRepeated(returns.stream().map(command -> command.returnUetr().value())
                .toList());
        if (repeated.isPresent()) {
            return refuse(channelBic, new Rejection("AM05", "two returns of this message are the same return (the"
                    + " same RtrId, or no RtrId and the same OrgnlUETR); give each return its own RtrId",
                    message.messageId(), message.messageDefinition()));
        }
        List<CompletableFuture<SubmitPaymentOutcome>> submitted = new ArrayList<>();
        for (ReturnPaymentCommand command : returns) {
            originals.keep(command.returnUetr().value(), message.messageId(), channelBic, xml);
            submitted.add(commands.send(command));
        }
        List<String> outcomes = new ArrayList<>();
        List<Optional<Rejection>> refusals = new ArrayList<>();
        for (int index = 0; index < submitted.size(); index++) {
            PaymentReturn returned = message.transactions().get(index);
            Optional<Rejection> refusal;
            try {
                SubmitPaymentOutcome outcome = submitted.get(index).get(submitTimeout.toMillis(), TimeUnit.MILLISECONDS);
                refusal = duplicateRefusal(outcome, returned, message);
                outcomes.add(refusal.isPresent() ? REFUSED_OUTCOME : outcome.name());
            } catch (TimeoutException timeout) {
                return new InboundAnswer.Refused(InboundAnswer.Problem.CORE_UNAVAILABLE, "NARR",
                        "Settlement did not confirm return " + returnKey(returned) + " in time; resend the same"
                                + " message (it is idempotent) to learn its outcome");
            } catch (ExecutionException refused) {
                refusal = Optional.of(returnRefusal(refused.getCause(), returned, message));
                outcomes.add(REFUSED_OUTCOME);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while returning " + returned.originalUetr(), interrupted);
            }
            refusals.add(refusal);
        }
        if (refusals.stream().allMatch(Optional::isPresent)) {
            Rejection first = refusals.getFirst().orElseThrow();
            return refuse(channelBic, returns.size() == 1 ? first : new Rejection(first.reasonCode(), "all "
                    + returns.size() + " returns were refused; the first: " + first.explanation(),
                    first.messageId(), first.messageDefinition()));
        }
        return answerReturns(channelBic, message, returns, outcomes, refusals);
    }

    /**
     * One outcome per return, and for each refused one a transaction-level pacs.002 RJCT, once some of the
     * message's returns went on.
     */
    private InboundAnswer answerReturns(String channelBic, ReturnMessage message, List<ReturnPaymentCommand> returns,
                                        List<String> confirmed, List<Optional<Rejection>> refusals) {
        List<InboundAnswer.TransactionOutcome> outcomes = new ArrayList<>();
        for (int index = 0; index < returns.size(); index++) {
            ReturnPaymentCommand command = returns.get(index);
            Optional<Rejection> refusal = refusals.get(index);
            refusal.ifPresent(rejection -> refuseTransaction(channelBic, command.returnUetr(), command.references(),
                    command.contentDigest(), rejection));
            outcomes.add(new InboundAnswer.TransactionOutcome(command.returnUetr().value(), confirmed.get(index)));
        }
        return new InboundAnswer.Accepted(message.messageId(), message.messageDefinition(), outcomes);
    }

    private static ReturnPaymentCommand returnCommand(String channelBic, ReturnMessage message,
                                                      PaymentReturn returned) {
        // The reader checked that the instructing agent, whose return this is, is the channel's bank.
        Uetr returnUetr = Uetr.of(DerivedUetrs.ofReturn(channelBic, message.messageId(), returned.returnId(),
                returned.originalUetr()));
        String digest = DerivedUetrs.digest(returned.originalUetr(),
                String.valueOf(returned.returnedAmountMinorUnits()), returned.currency(), returned.returnReasonCode(),
                returnKey(returned));
        return new ReturnPaymentCommand(Uetr.of(returned.originalUetr()), returnUetr, Bic.of(channelBic),
                Money.of(returned.returnedAmountMinorUnits(), returned.currency()), returned.returnReasonCode(),
                new PaymentReferences(message.messageId(), message.messageDefinition(), returned.returnId(),
                        returned.originalEndToEndId() != null ? returned.originalEndToEndId() : "NOTPROVIDED"),
                digest);
    }

    private static String returnKey(PaymentReturn returned) {
        return DerivedUetrs.returnKey(returned.returnId(), returned.originalUetr());
    }

    /** The core's answer to a return as a refusal: none when it took it, AM05 when it is another return's. */
    private static Optional<Rejection> duplicateRefusal(SubmitPaymentOutcome outcome, PaymentReturn returned,
                                                     ReturnMessage message) {
        if (outcome != SubmitPaymentOutcome.DUPLICATE) {
            return Optional.empty();
        }
        return Optional.of(new Rejection("AM05", "return " + returnKey(returned) + " was already sent with other"
                + " content", message.messageId(), message.messageDefinition()));
    }

    /** The first value that appears twice, in order. */
    private static Optional<String> firstRepeated(List<String> values) {
        Set<String> seen = new HashSet<>();
        return values.stream().filter(value -> !seen.add(value)).findFirst();
    }

    /** The core's refusal as an ISO reason: AG01 not the payee's to return, AM09 too much, NARR otherwise. */
    private static Rejection returnRefusal(Throwable cause, PaymentReturn returned, ReturnMessage message) {
        String explanation = cause == null ? "the return was refused" : cause.getMessage();
        String code;
        if (cause instanceof AggregateNotFoundException) {
            code = "NARR";
            explanation = "no payment " + returned.originalUetr() + " settled through this node";
        } else if (explanation != null && explanation.contains("only the payee")) {
            // Indistinguishable from an unknown payment to anyone but its payee.
            code = "NARR";
            explanation = "no payment " + returned.originalUetr() + " of yours to return";
        } else if (cause instanceof IllegalArgumentException) {
            code = "AM09";
        } else {
            code = "NARR";
        }
        return new Rejection(code, explanation, message.messageId(), message.messageDefinition());
    }

    /**
     * A bank moves its own money to other banks (pacs.009, core or cover): each transfer is a payment between
     * two participants like any other, the instructing agent paying and the instructed agent paid, answered like
     * the transactions of a pacs.008, and forwarded to its payee once settled, in a pacs.009 cut down to that
     * transfer. A UETR twice in one message is refused: it would be one payment, forwarded twice.
     */
    private InboundAnswer submitFiTransfer(String channelBic, FinancialInstitutionCreditTransferMessage message,
                                           byte[] xml) {
        Optional<String> repeated = firstRepeated(message.transactions().stream()
                .map(FinancialInstitutionCreditTransfer::uetr)
                .toList());
        if (repeated.isPresent()) {
            return refuse(channelBic, new Rejection("AM05", "UETR " + repeated.get() + " names two transfers of this"
                    + " message; each transfer needs its own", message.messageId(), message.messageDefinition()));
        }
        return submitEach(channelBic, message, xml, message.transactions().stream()
                .map(transfer -> new SubmitPaymentCommand(Uetr.of(transfer.uetr()),
                        Bic.of(transfer.instructingAgentBic()), Bic.of(transfer.instructedAgentBic()),
                        Money.of(transfer.amountMinorUnits(), transfer.currency()),
                        new PaymentReferences(message.messageId(), message.messageDefinition(),
                                transfer.instructionId(), transfer.endToEndId()),
                        transfer.contentDigest()))
                .toList());
    }

    /** The core's answer to a submission, or empty when it did not come in time. */
    private Optional<SubmitPaymentOutcome> confirmed(CompletableFuture<SubmitPaymentOutcome> submitted, String uetr) {
        try {
            return Optional.of(submitted.get(submitTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException failure) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting " + uetr, interrupted);
        }
    }

    private static InboundAnswer unconfirmed(String uetr) {
        return new InboundAnswer.Refused(InboundAnswer.Problem.CORE_UNAVAILABLE, "NARR",
                "Settlement did not confirm payment " + uetr + " in time; resend the same message (it is idempotent"
                        + " on its UETR) to learn its outcome");
    }

    /** Refuses a message the channel would not even read, with the same pacs.002 RJCT as any other. */
    public InboundAnswer refuseOversized(String channelBic, long lengthBytes, int sizeMaxBytes) {
        String explanation = "The message is " + lengthBytes + " bytes; the limit is " + sizeMaxBytes;
        delivery.deliver(channelBic, STATUS_REPORT_TYPE, "pacs.002:refused:" + UUID.randomUUID(),
                writer.paymentStatusReport(StatusReports.refused(channelBic, "FF01", explanation)));
        return new InboundAnswer.Refused(InboundAnswer.Problem.TOO_LARGE, "FF01", explanation);
    }

    private static SubmitPaymentCommand command(CreditTransferMessage message, CreditTransfer transfer) {
        return new SubmitPaymentCommand(
                Uetr.of(transfer.uetr()),
                // As in T2: the instructing agent is the participant whose money moves (the channel checked it
                // is the sender), the instructed agent the participant credited.
                Bic.of(transfer.instructingAgentBic()),
                Bic.of(transfer.instructedAgentBic()),
                Money.of(transfer.amountMinorUnits(), transfer.currency()),
                new PaymentReferences(message.messageId(), message.messageDefinition(), transfer.instructionId(),
                        transfer.endToEndId()),
                transfer.contentDigest(),
                // A bank's HIGH is T2's high; URGENT is the central bank's own and never comes from a bank.
                transfer.highPriority() ? PaymentPriority.HIGH : PaymentPriority.NORMAL);
    }

    /**
     * A pacs.002 RJCT for one transaction of a message whose others went on, quoting the references the payment
     * was submitted with. Keyed by the transaction, the reason and the content, so it is sent once.
     */
    private void refuseTransaction(String channelBic, Uetr uetr, PaymentReferences references, String contentDigest,
                                   Rejection rejection) {
        delivery.deliver(channelBic, STATUS_REPORT_TYPE,
                "pacs.002:" + uetr.value() + ":" + rejection.reasonCode() + ":" + contentDigest,
                writer.paymentStatusReport(new StatusReport(channelBic, StatusReport.Status.REJECTED,
                        references.messageId(), references.messageDefinition(), references.endToEndId(),
                        uetr.value(), references.instructionId(), null, rejection.reasonCode(),
                        rejection.explanation())));
    }

    private InboundAnswer refuse(String channelBic, Rejection rejection) {
        delivery.deliver(channelBic, STATUS_REPORT_TYPE, "pacs.002:refused:" + UUID.randomUUID(),
                writer.paymentStatusReport(StatusReports.refused(channelBic, rejection)));
        return new InboundAnswer.Refused(InboundAnswer.Problem.INVALID_MESSAGE, rejection.reasonCode(),
                rejection.explanation());
    }
}
