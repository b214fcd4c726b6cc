package io.clearline.adapters.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Every refusal of the REST API is an {@code application/problem+json} document. */
@RestControllerAdvice
public class ApiExceptionHandler {

    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
    ResponseEntity<String> badRequest(Exception refused) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", refused.getMessage());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<String> status(ResponseStatusException refused) {
        HttpStatus status = HttpStatus.valueOf(refused.getStatusCode().value());
        return problem(status, status.getReasonPhrase(), refused.getReason());
    }

    static ResponseEntity<String> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType(Problems.MEDIA_TYPE))
                .body(Problems.json(status.value(), title, detail, null));
    }
}
