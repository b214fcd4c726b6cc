package io.clearline.adapters.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem documents ({@code application/problem+json}) with Clearline's ISO reason code. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /**
     * @param reasonCode the ISO 20022 external reason code, or null where none applies
     */
    public static String json(int status, String title, String detail, String reasonCode) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://clearline.io/problems/" + title.toLowerCase().replace(' ', '-'));
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (reasonCode != null) {
            problem.put("reasonCode", reasonCode);
        }
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a map of strings always serializes", impossible);
        }
    }
}
