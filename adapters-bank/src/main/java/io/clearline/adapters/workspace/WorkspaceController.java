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
 * The treasury workspace. A bank's treasury user sees its own bank only; the operator and the
 * regulator see every bank, read-only. Who may see which bank is {@link BankAccess}'s rule, the same
 * as the REST API's.
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
    String home(Authentication caller, Model model) {
        Optional<String> ownBank = BankAccess.bankOf(caller);
        if (ownBank.isPresent()) {
            return "redirect:/workspace/banks/" + ownBank.get();
        }
        requireEveryBank(caller);
        model.addAttribute("user", caller.getName());
        model.addAttribute("banks", views.everyBank());
        return "workspace/overview";
    }

    @GetMapping("/workspace/banks/{bic}")
    String bank(@PathVariable String bic, Authentication caller, Model model) {
        Bic bank = visibleBank(bic, caller);
        model.addAttribute("user", caller.getName());
        model.addAttribute("seesEveryBank", BankAccess.seesEveryBank(caller));
        model.addAttribute("bank", views.bank(bank));
        return "workspace/bank";
    }

    /** Live updates for one bank's page ({@code bank} given) or for the page of every bank. */
    @GetMapping(path = "/workspace/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@RequestParam(required = false) String bank, Authentication caller) {
        Optional<Bic> watched = Optional.empty();
        try {
            if (bank != null) {
                watched = Optional.of(visibleBank(bank, caller));
            } else {
                requireEveryBank(caller);
            }
        } catch (ResponseStatusException refused) {
            // A bare status: an event stream has no page to show a refusal on.
            return ResponseEntity.status(refused.getStatusCode()).build();
        }
        return updates.subscribe(watched)
                .map(ResponseEntity::ok)
                // EventSource does not retry after a 503: the page stays, without live updates, and says so.
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build());
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

    private static void requireEveryBank(Authentication caller) {
        if (!BankAccess.seesEveryBank(caller)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only the operator and the regulator see every bank");
        }
    }
}
