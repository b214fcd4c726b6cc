package io.clearline.adapters.workspace;

import io.clearline.adapters.security.BankAccess;
import io.clearline.core.common.api.Bic;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The treasury workspace's pages. A bank's treasury user sees its own bank only and manages its queue;
 * the operator and the regulator see every bank and the network page, where the operator acts and the
 * regulator only reads. Who may see which bank is {@link BankAccess}'s rule, the same as the REST API's.
 * What the buttons do is {@link WorkspaceActions}.
 */
@Controller
class WorkspaceController {
    private final WorkspaceViews views;
    private final WorkspaceUpdates updates;

    WorkspaceController(WorkspaceViews views, WorkspaceUpdates updates) {
        this.views = views;
        this.updates = updates;
    }

    @GetMapping("/login")
    String login() {
        return "workspace/login";
    }

    @GetMapping("/workspace")
    String home(Authentication caller) {
        Optional<String> ownBank = BankAccess.bankOf(caller);
        if (ownBank.isPresent()) {
            return "redirect:/workspace/banks/" + ownBank.get();
        }
        requireEveryBank(caller);
        return "redirect:/workspace/network";
    }

    /** The network: every bank, the system's liquidity and queue, gridlock runs; the operator acts, the regulator reads. */
    @GetMapping("/workspace/network")
    String network(Authentication caller, Model model) {
        requireEveryBank(caller);
        model.addAttribute("user", caller.getName());
        model.addAttribute("mayAct", BankAccess.isOperator(caller));
        model.addAttribute("network", views.network());
        model.addAttribute("participantNameLengthMax", WorkspaceActions.PARTICIPANT_NAME_LENGTH_MAX);
        return "workspace/network";
    }

    @GetMapping("/workspace/banks/{bic}")
    String bank(@PathVariable String bic, Authentication caller, Model model) {
        Bic bank = visibleBank(bic, caller);
        model.addAttribute("user", caller.getName());
        model.addAttribute("seesEveryBank", BankAccess.seesEveryBank(caller));
        model.addAttribute("mayAct", mayManageQueueOf(caller, bank));
        model.addAttribute("bank", views.bank(bank));
        return "workspace/bank";
    }

    /** Live updates for one bank's page ({@code bank} given) or for the network page. */
    @GetMapping(path = "/workspace/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@RequestParam(required = false) String bank, Authentication caller) {
        Optional<Bic> watched = Optional.empty();
        boolean mayAct;
        try {
            if (bank != null) {
                watched = Optional.of(visibleBank(bank, caller));
                mayAct = mayManageQueueOf(caller, watched.get());
            } else {
                requireEveryBank(caller);
                mayAct = BankAccess.isOperator(caller);
            }
        } catch (ResponseStatusException refused) {
            // A bare status: an event stream has no page to show a refusal on.
            return ResponseEntity.status(refused.getStatusCode()).build();
        }
        return updates.subscribe(watched, mayAct)
                .map(ResponseEntity::ok)
                // EventSource does not retry after a 503: the page stays, without live updates, and says so.
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build());
    }

    /** The queue's actions are the paying bank's and the operator's, as in the REST API; the regulator reads. */
    static boolean mayManageQueueOf(Authentication caller, Bic bank) {
        return BankAccess.isOperator(caller) || BankAccess.bankOf(caller).map(bank.value()::equals).orElse(false);
    }

    /** A bank the caller may see and that exists; another bank's is 403, an unknown or malformed BIC 404. */
    private Bic visibleBank(String bic, Authentication caller) {
        if (!BankAccess.maySee(caller, bic)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "a treasury user sees only its own bank");
        }
        Bic bank;
        try {
            bank = Bic.of(bic);
        } catch (IllegalArgumentException malformed) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such bank");
        }
        if (!views.isParticipant(bank)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such bank");
        }
        return bank;
    }

    static void requireEveryBank(Authentication caller) {
        if (!BankAccess.seesEveryBank(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only the operator and the regulator see every bank");
        }
    }
}
