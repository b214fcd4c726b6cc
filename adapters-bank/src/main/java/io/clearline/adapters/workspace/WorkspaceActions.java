package io.clearline.adapters.workspace;

import io.clearline.adapters.security.BankAccess;
import io.clearline.adapters.web.FlowOperations;
import io.clearline.core.businessday.api.BusinessDayView;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffCustomerPaymentsCommand;
import io.clearline.core.businessday.api.FindBusinessDayQuery;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.HoldQueuedPaymentCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.ReleaseHeldPaymentCommand;
import io.clearline.core.liquidity.api.ReprioritiseQueuedPaymentCommand;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.GridlockRuns;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ReactivateParticipantCommand;
import io.clearline.core.participant.api.SuspendParticipantCommand;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.iso20022.Iso4217;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the workspace's buttons do, for htmx: each answers a small fragment (a notice, a form, the
 * audit) that the page swaps in, never a whole page. The changes themselves reach every open page
 * through the live updates, once the projections have applied them.
 *
 * <p>The rules are the REST API's: a bank's treasury user (or the operator) holds, releases,
 * reprioritises and cancels that bank's queued payments; only the operator runs gridlock resolution and
 * suspends or reactivates participants; the regulator reads. Every POST needs the session's CSRF token,
 * which the page's script sends as a header. A refusal answers 4xx with a notice saying why.
 */
@Controller
class WorkspaceActions {
    /** An action waits no longer than this for the core to accept or refuse its command. */
    static final int COMMAND_TIMEOUT_SECONDS = 10;
    /** The core's own bound on a suspension's reason. */
    static final int SUSPENSION_REASON_LENGTH_MAX = 500;
    /** As the API allows: a participant's name fits a pacs.008's agent name (Max140Text). */
    static final int PARTICIPANT_NAME_LENGTH_MAX = 140;
    private static final String NOTICE = "workspace/fragments :: notice";

    /** What the page says after an action; {@code refused} colours it as a refusal. */
    record Notice(boolean refused, String text) {
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final GridlockRuns gridlockRuns;
    private final WorkspaceViews views;
    private final NodeAudit audit;
    private final ObjectProvider<FlowOperations> flows;

    WorkspaceActions(CommandGateway commands, QueryGateway queries, GridlockRuns gridlockRuns, WorkspaceViews views,
                     NodeAudit audit, ObjectProvider<FlowOperations> flows) {
        this.commands = commands;
        this.queries = queries;
        this.gridlockRuns = gridlockRuns;
        this.views = views;
        this.audit = audit;
        this.flows = flows;
    }

    // The queue of one bank.

    @PostMapping("/workspace/banks/{bic}/queue/{uetr}/hold")
    ModelAndView hold(@PathVariable String bic, @PathVariable String uetr, Authentication caller) {
        PaymentView payment = queuedPayment(bic, uetr, caller);
        send(new HoldQueuedPaymentCommand(accountOf(payment), payment.uetr()), "payment " + shortUetr(payment)
                + " is no longer queued");
        return notice(HttpStatus.OK, false, "Held " + describe(payment) + ": it keeps its place and waits until released.");
    }

    @PostMapping("/workspace/banks/{bic}/queue/{uetr}/release")
    ModelAndView release(@PathVariable String bic, @PathVariable String uetr, Authentication caller) {
        PaymentView payment = queuedPayment(bic, uetr, caller);
        send(new ReleaseHeldPaymentCommand(accountOf(payment), payment.uetr()), "payment " + shortUetr(payment)
                + " is no longer queued");
        return notice(HttpStatus.OK, false, "Released " + describe(payment) + ": it settles as soon as it is covered.");
    }

    /** HIGH or NORMAL: URGENT is for the central bank's own payments, which never wait in a bank's queue. */
    @PostMapping("/workspace/banks/{bic}/queue/{uetr}/priority")
    ModelAndView reprioritise(@PathVariable String bic, @PathVariable String uetr, @RequestParam String priority,
                              Authentication caller) {
        PaymentPriority to;
        try {
            to = PaymentPriority.valueOf(priority.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            to = PaymentPriority.URGENT;
        }
        if (to == PaymentPriority.URGENT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A payment's priority is HIGH or NORMAL.");
        }
        PaymentView payment = queuedPayment(bic, uetr, caller);
        send(new ReprioritiseQueuedPaymentCommand(accountOf(payment), payment.uetr(), to), "payment "
                + shortUetr(payment) + " is no longer queued");
        return notice(HttpStatus.OK, false, "Priority of " + describe(payment) + " set to " + to.name() + ".");
    }

    @PostMapping("/workspace/banks/{bic}/queue/{uetr}/cancel")
    ModelAndView cancel(@PathVariable String bic, @PathVariable String uetr, Authentication caller) {
        PaymentView payment = queuedPayment(bic, uetr, caller);
        Reason reason = Reason.of(ReasonCode.NARR, "cancelled while queued by " + caller.getName());
        send(new CancelQueuedPaymentCommand(accountOf(payment), payment.uetr(), reason), "payment "
                + shortUetr(payment) + " is no longer queued");
        return notice(HttpStatus.OK, false, "Cancelled " + describe(payment) + "; the bank is told with a camt.029.");
    }

    // The network: the operator's.

    @PostMapping("/workspace/network/gridlock-runs")
    ModelAndView runGridlockResolution(@RequestParam(defaultValue = "EUR") String currency,
                                       @RequestParam(defaultValue = "FIFO") String mode, Authentication caller) {
        requireOperator(caller);
        if (!Iso4217.isCurrency(currency)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Not an ISO 4217 currency: " + currency);
        }
        ResolutionMode resolutionMode;
        try {
            resolutionMode = ResolutionMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The mode is FIFO or OPTIMISING.");
        }
        GridlockRunRecordedEvent run;
        try {
            run = gridlockRuns.run(currency, resolutionMode, GridlockRunTrigger.OPERATOR);
        } catch (IllegalStateException runInProgress) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, runInProgress.getMessage());
        }
        String settled = run.settledValue() == null ? "" : ", " + DisplayAmounts.format(run.settledValue()) + " "
                + run.currency();
        return notice(HttpStatus.OK, false, "Gridlock run " + run.runId().substring(0, Math.min(8, run.runId().length()))
                + " (" + resolutionMode.name() + ", " + currency + "): " + run.outcome().name() + ", "
                + run.settledUetrs().size() + " payments settled" + settled + ".");
    }

    /**
     * The operator admits a bank from the network page, as with {@code POST /api/participants}: admitting
     * one that is already a participant changes nothing. It appears among the banks with the next update.
     */
    @PostMapping("/workspace/network/participants")
    ModelAndView admit(@RequestParam(defaultValue = "") String bic, @RequestParam(defaultValue = "") String name,
                       Authentication caller) {
        requireOperator(caller);
        Bic participant;
        try {
            participant = Bic.of(bic.strip());
        } catch (IllegalArgumentException malformed) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A BIC is 8 or 11 letters and digits, like"
                    + " ECHOEUEEXXX.");
        }
        String stripped = name.strip();
        if (stripped.isEmpty() || stripped.length() > PARTICIPANT_NAME_LENGTH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A participant has a name, at most "
                    + PARTICIPANT_NAME_LENGTH_MAX + " characters.");
        }
        changeStatus(participant, new AdmitParticipantCommand(participant, stripped));
        return notice(HttpStatus.OK, false, "Admitted " + participant.value() + " (" + stripped + "): it may pay"
                + " and be paid once it has liquidity.");
    }

    /** The form that asks the operator for a suspension's reason; swapped into the page beside the banks. */
    @GetMapping("/workspace/network/banks/{bic}/suspension")
    ModelAndView suspensionForm(@PathVariable String bic, Authentication caller) {
        requireOperator(caller);
        Bic participant = participant(bic);
        ModelAndView form = new ModelAndView("workspace/fragments :: suspensionForm");
        form.addObject("bic", participant.value());
        form.addObject("reasonLengthMax", SUSPENSION_REASON_LENGTH_MAX);
        return form;
    }

    @PostMapping("/workspace/network/banks/{bic}/suspend")
    ModelAndView suspend(@PathVariable String bic, @RequestParam(defaultValue = "") String reason,
                         Authentication caller) {
        requireOperator(caller);
        Bic participant = participant(bic);
        String stripped = reason.strip();
        if (stripped.isEmpty() || stripped.length() > SUSPENSION_REASON_LENGTH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A suspension gives its reason, at most "
                    + SUSPENSION_REASON_LENGTH_MAX + " characters.");
        }
        changeStatus(participant, new SuspendParticipantCommand(participant, stripped));
        return notice(HttpStatus.OK, false, "Suspended " + participant.value() + ": its payments are refused and its"
                + " queues frozen until it is reactivated.");
    }

    @PostMapping("/workspace/network/banks/{bic}/reactivate")
    ModelAndView reactivate(@PathVariable String bic, Authentication caller) {
        requireOperator(caller);
        Bic participant = participant(bic);
        changeStatus(participant, new ReactivateParticipantCommand(participant));
        return notice(HttpStatus.OK, false, "Reactivated " + participant.value() + ": its queues thaw.");
    }

    // The business day: where it is for operator and regulator, its steps for the operator.

    /** The business day's panel; after a step, the page asks for it again. */
    @GetMapping("/workspace/network/business-day")
    ModelAndView businessDay(Authentication caller) {
        WorkspaceController.requireEveryBank(caller);
        BusinessDayView day = queries.query(new FindBusinessDayQuery(), ResponseTypes.instanceOf(BusinessDayView.class))
                .orTimeout(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
        ModelAndView panel = new ModelAndView("workspace/fragments :: businessDay");
        panel.addObject("day", day);
        panel.addObject("since", day == null ? null : views.timeOf(day.since()));
        // The next date to open: the day after the last, or today's date in the business zone for the first.
        panel.addObject("nextDate", day == null ? views.today() : day.date().plusDays(1));
        panel.addObject("mayAct", BankAccess.isOperator(caller));
        return panel;
    }

    @PostMapping("/workspace/network/business-day/open")
    ModelAndView openBusinessDay(@RequestParam String date, Authentication caller) {
        requireOperator(caller);
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeParseException notADate) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The date is like 2026-11-24.");
        }
        stepBusinessDay(new OpenBusinessDayCommand(day));
        return notice(HttpStatus.OK, false, "Business day " + day + " is open: payments are taken.");
    }

    @PostMapping("/workspace/network/business-day/customer-cut-off")
    ModelAndView cutOffCustomerPayments(Authentication caller) {
        requireOperator(caller);
        stepBusinessDay(new CutOffCustomerPaymentsCommand());
        return notice(HttpStatus.OK, false, "Past the customer cut-off: new customer payments (pacs.008) are refused"
                + " (TM01); interbank payments are taken until the cut-off.");
    }

    @PostMapping("/workspace/network/business-day/cut-off")
    ModelAndView cutOffBusinessDay(Authentication caller) {
        requireOperator(caller);
        stepBusinessDay(new CutOffBusinessDayCommand());
        return notice(HttpStatus.OK, false, "Past the cut-off: new payments are refused (TM01); those taken still"
                + " settle.");
    }

    @PostMapping("/workspace/network/business-day/close")
    ModelAndView closeBusinessDay(Authentication caller) {
        requireOperator(caller);
        stepBusinessDay(new CloseBusinessDayCommand());
        return notice(HttpStatus.OK, false, "The business day is closed: what was still queued is cancelled (TM01).");
    }

    private void stepBusinessDay(Object command) {
        try {
            commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (AggregateNotFoundException neverOpened) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "No business day has been opened yet.");
        } catch (IllegalStateException | IllegalArgumentException | CommandExecutionException outOfOrder) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, outOfOrder.getMessage());
        }
    }

    // The ledger's parked flows: operator and regulator see them, the operator retries or kills one.

    /** Parked flows shown on the network page at most: the API pages through the rest. */
    static final int PARKED_FLOWS_SHOWN_MAX = 20;
    /** The most characters of a kill's reason, as the flow runner records it. */
    static final int KILL_REASON_LENGTH_MAX = 500;

    @GetMapping("/workspace/network/flows")
    ModelAndView parkedFlows(Authentication caller) {
        WorkspaceController.requireEveryBank(caller);
        ModelAndView panel = new ModelAndView("workspace/fragments :: parkedFlows");
        FlowOperations operations = flows.getIfAvailable();
        panel.addObject("served", operations != null);
        panel.addObject("flows", operations == null ? java.util.List.of()
                : operations.parked(PARKED_FLOWS_SHOWN_MAX).stream()
                        .map(flow -> new ParkedFlowRow(flow.flowId(), flow.flow(), flow.attempts(), flow.lastError(),
                                views.timeOf(flow.parkedAt())))
                        .toList());
        panel.addObject("mayAct", BankAccess.isOperator(caller));
        return panel;
    }

    /** A parked flow as the page shows it. */
    record ParkedFlowRow(String flowId, String flow, int attempts, String lastError, String parkedAt) {
    }

    @PostMapping("/workspace/network/flows/{flowId}/retry")
    ModelAndView retryFlow(@PathVariable String flowId, Authentication caller) {
        requireOperator(caller);
        try {
            requireFlows().retry(flowId);
        } catch (IllegalArgumentException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No flow " + flowId + ".");
        } catch (IllegalStateException notParked) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, notParked.getMessage());
        }
        return notice(HttpStatus.OK, false, "Flow " + flowId + " runs again from its journal.");
    }

    @PostMapping("/workspace/network/flows/{flowId}/kill")
    ModelAndView killFlow(@PathVariable String flowId, @RequestParam(defaultValue = "") String reason,
                          Authentication caller) {
        requireOperator(caller);
        String stripped = reason.strip();
        if (stripped.isEmpty() || stripped.length() > KILL_REASON_LENGTH_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A kill gives its reason, at most "
                    + KILL_REASON_LENGTH_MAX + " characters.");
        }
        if (!requireFlows().kill(flowId, stripped)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No running or parked flow " + flowId + ".");
        }
        return notice(HttpStatus.OK, false, "Flow " + flowId + " killed; its soft locks are released.");
    }

    private FlowOperations requireFlows() {
        FlowOperations operations = flows.getIfAvailable();
        if (operations == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This node runs no ledger flows.");
        }
        return operations;
    }

    /** The audit's verdict, for the network page; the audit's own rule decides who may read it. */
    @GetMapping("/workspace/network/audit")
    ModelAndView auditVerdict(Authentication caller) {
        WorkspaceController.requireEveryBank(caller);
        ModelAndView verdict = new ModelAndView("workspace/fragments :: audit");
        Optional<NodeAudit.Verdict> latest = audit.latest(caller);
        verdict.addObject("audit", latest.orElse(null));
        return verdict;
    }

    /** Refusals become a notice the page shows where the action's answer goes. */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException refusal) {
        HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
        String reason = refusal.getReason() == null ? status.getReasonPhrase() : refusal.getReason();
        return notice(status, true, reason);
    }

    private PaymentView queuedPayment(String bic, String uetr, Authentication caller) {
        Bic bank = participant(bic);
        if (!WorkspaceController.mayManageQueueOf(caller, bank)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the bank itself and the operator manage its"
                    + " queue.");
        }
        Uetr id;
        try {
            id = Uetr.of(uetr.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such payment.");
        }
        PaymentView payment = queries.query(new FindPaymentQuery(id), ResponseTypes.optionalInstanceOf(PaymentView.class))
                .orTimeout(WorkspaceViews.QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join()
                .filter(view -> view.payer().equals(bank))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No payment " + uetr + " in "
                        + bank.value() + "'s queue."));
        if (payment.status() != PaymentStatus.QUEUED) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Payment " + shortUetr(payment) + " is "
                    + payment.status() + ", no longer queued.");
        }
        return payment;
    }

    private Bic participant(String bic) {
        Bic participant;
        try {
            participant = Bic.of(bic);
        } catch (IllegalArgumentException malformed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such bank.");
        }
        if (!views.isParticipant(participant)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such bank.");
        }
        return participant;
    }

    private void send(Object command, String whenRefused) {
        try {
            commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IllegalStateException | CommandExecutionException notQueuedAnyMore) {
            // It left the queue between our read and the command (settled or cancelled meanwhile).
            throw new ResponseStatusException(HttpStatus.CONFLICT, capitalised(whenRefused) + ".");
        }
    }

    private void changeStatus(Bic participant, Object command) {
        try {
            commands.sendAndWait(command, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (AggregateNotFoundException unknown) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, participant.value() + " is not a participant.");
        } catch (IllegalStateException | IllegalArgumentException | CommandExecutionException refused) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, refused.getMessage());
        }
    }

    private static void requireOperator(Authentication caller) {
        if (!BankAccess.isOperator(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the operator does that.");
        }
    }

    private static LiquidityAccountId accountOf(PaymentView payment) {
        return new LiquidityAccountId(payment.payer(), payment.amount().currency());
    }

    private static String describe(PaymentView payment) {
        return "payment " + shortUetr(payment) + " of " + DisplayAmounts.format(payment.amount()) + " "
                + payment.amount().currency() + " to " + payment.payee().value();
    }

    private static String shortUetr(PaymentView payment) {
        return payment.uetr().value().substring(0, 8) + "\u2026";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static ModelAndView notice(HttpStatus status, boolean refused, String text) {
        ModelAndView notice = new ModelAndView(NOTICE, status);
        notice.addObject("notice", new Notice(refused, text));
        return notice;
    }
}
