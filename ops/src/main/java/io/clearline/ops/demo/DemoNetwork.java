package io.clearline.ops.demo;

import io.clearline.adapters.web.Amounts;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import java.nio.file.Path;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The demo profile's network: admits the configured banks and has the central bank issue each its
 * opening balance. Safe on every start: admissions are idempotent and each opening pledge has a
 * fixed transfer id, so a restarted node issues nothing twice.
 */
@Component
@ConditionalOnProperty(name = "clearline.demo.enabled", havingValue = "true")
public class DemoNetwork {
    private static final Logger log = LoggerFactory.getLogger(DemoNetwork.class);

    private final CommandGateway commands;
    private final Environment environment;

    public DemoNetwork(CommandGateway commands, Environment environment) {
        this.commands = commands;
        this.environment = environment;
    }

    /** One demo bank: {@code BIC|name|currency|opening balance}. */
    record DemoBank(Bic bic, String name, Money openingBalance) {
        static DemoBank parse(String line) {
            String[] fields = line.split("\\|");
            if (fields.length != 4) {
                throw new IllegalArgumentException("a demo bank is BIC|name|currency|amount, not " + line);
            }
            return new DemoBank(Bic.of(fields[0].strip()), fields[1].strip(),
                    Amounts.parse(fields[3].strip(), fields[2].strip()));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void open() {
        List<DemoBank> banks = Binder.get(environment).bind("clearline.demo.banks", Bindable.listOf(String.class))
                .orElse(List.of()).stream().map(DemoBank::parse).toList();
        for (DemoBank bank : banks) {
            commands.sendAndWait(new AdmitParticipantCommand(bank.bic(), bank.name()));
            commands.sendAndWait(new PledgeLiquidityCommand("opening-balance-" + bank.bic().value() + "-"
                    + bank.openingBalance().currency(), bank.bic(), bank.openingBalance()));
        }
        announce(banks);
    }

    private void announce(List<DemoBank> banks) {
        String url = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        String dataDir = Path.of(environment.getProperty("clearline.data-dir", "./data")).toAbsolutePath()
                .normalize().toString();
        StringBuilder text = new StringBuilder()
                .append("\n==================================================================================\n")
                .append(" CLEARLINE DEMO NETWORK: demo credentials below, for this demo only\n")
                .append(" API:      ").append(url).append("/api  (HTTP basic)\n")
                .append(" Health:   ").append(url).append("/actuator/health\n")
                .append(" Users:    operator, regulator");
        banks.forEach(bank -> text.append(", ").append(bank.bic().value()));
        text.append("   password: demo\n");
        banks.forEach(bank -> text.append(String.format("   %s  %-14s opening balance %s %s%n", bank.bic().value(),
                bank.name(), bank.openingBalance().currency(), Amounts.format(bank.openingBalance()))));
        text.append(" Data:     ").append(dataDir).append('\n')
                .append(" Folders:  ").append(dataDir).append("/banks/<BIC>/inbox and outbox\n")
                .append("==================================================================================");
        log.warn(text.toString());
    }
}
