package io.clearline.adapters.workspace;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * People get a page, not the REST API's problem document: this advice is ordered before the API's
 * and applies to the workspace's controller only.
 */
@ControllerAdvice(assignableTypes = WorkspaceController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkspaceRefusals {

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException refusal) {
        HttpStatus status = HttpStatus.valueOf(refusal.getStatusCode().value());
        ModelAndView page = new ModelAndView("workspace/refused", status);
        page.addObject("status", status.value());
        page.addObject("title", status.getReasonPhrase());
        page.addObject("detail", refusal.getReason());
        return page;
    }
}
