package io.clearline.adapters.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may see and move whose money. A bank system signs in with its BIC as its name and sees only
 * its own bank; the operator and the regulator see every bank. Kept in one place so that the HTTP
 * channel, the REST API and the ledger view apply the same rule.
 */
public final class BankAccess {
    public static final String ROLE_BANK = "ROLE_BANK";
    public static final String ROLE_OPERATOR = "ROLE_OPERATOR";
    public static final String ROLE_REGULATOR = "ROLE_REGULATOR";

    private BankAccess() {
    }

    /** The BIC a bank user acts for, or empty for the operator and the regulator. */
    public static Optional<String> bankOf(Authentication authentication) {
        return hasRole(authentication, ROLE_BANK) ? Optional.of(authentication.getName()) : Optional.empty();
    }

    public static boolean seesEveryBank(Authentication authentication) {
        return hasRole(authentication, ROLE_OPERATOR) || hasRole(authentication, ROLE_REGULATOR);
    }

    public static boolean maySee(Authentication authentication, String bic) {
        return seesEveryBank(authentication) || bankOf(authentication).map(bic::equals).orElse(false);
    }

    public static boolean isOperator(Authentication authentication) {
        return hasRole(authentication, ROLE_OPERATOR);
    }

    private static boolean hasRole(Authentication authentication, String role) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return false;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (role.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }
}
