package org.platewatch.server.search;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.platewatch.server.platform.ProblemException;
import org.springframework.util.MultiValueMap;

/**
 * The search page's form as the member filled it in: kept as typed, so that a refused search comes back with every
 * field as it was, and turned into the API's {@link SearchRequest} so that one validator judges both. A problem's
 * field (the request's JSON path, {@code area.latitude}) is shown beside the form field it came from.
 */
final class SearchForm {

    static final List<String> FIELDS = List.of(
            "caseNumber",
            "purpose",
            "reason",
            "plate",
            "state",
            "from",
            "to",
            "latitude",
            "longitude",
            "radiusMeters",
            "make",
            "model",
            "color");

    /** Where errors that belong to no one field go (a lapsed training, a search that took too long). */
    static final String WHOLE_FORM = "form";

    private final Map<String, String> values;
    private final Set<String> cameras;
    private final boolean confusable;

    private SearchForm(Map<String, String> values, Set<String> cameras, boolean confusable) {
        this.values = values;
        this.cameras = cameras;
        this.confusable = confusable;
    }

    static SearchForm empty() {
        return new SearchForm(Map.of(), Set.of(), false);
    }

    static SearchForm of(MultiValueMap<String, String> params) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = params.getFirst(f);
            values.put(f, v == null ? "" : v.strip());
        }
        Set<String> cameras = new LinkedHashSet<>();
        List<String> chosen = params.get("cameras");
        if (chosen != null) {
            chosen.stream().filter(c -> !c.isBlank()).forEach(cameras::add);
        }
        return new SearchForm(values, cameras, params.containsKey("confusable"));
    }

    Map<String, String> values() {
        return values;
    }

    Set<String> cameras() {
        return cameras;
    }

    boolean confusable() {
        return confusable;
    }

    /** The request, or the fields that are not numbers where a number belongs, by form field. */
    SearchRequest request(Map<String, String> errors) {
        Double latitude = number("latitude", errors);
        Double longitude = number("longitude", errors);
        Double radius = number("radiusMeters", errors);
        SearchRequest.Area area = latitude == null && longitude == null && radius == null
                ? null
                : new SearchRequest.Area(latitude, longitude, radius, null);
        return new SearchRequest(
                value("caseNumber"),
                value("purpose"),
                value("reason"),
                value("plate"),
                value("state"),
                value("from"),
                value("to"),
                area,
                cameras.isEmpty() ? null : List.copyOf(cameras),
                new SearchRequest.Vehicle(value("make"), value("model"), value("color")),
                confusable,
                null);
    }

    /** The refusal as {@code form field -> message}. */
    static Map<String, String> errorsOf(ProblemException e) {
        String field = e.field();
        String message = e.getMessage() == null ? "is not accepted" : e.getMessage();
        if (field != null && message.startsWith(field + ": ")) {
            message = message.substring(field.length() + 2);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(formFieldOf(field), message);
        return errors;
    }

    /** The form field a request field ({@code area.radiusMeters}, {@code cameras[2]}, {@code vehicle.make}) is in. */
    static String formFieldOf(String requestField) {
        if (requestField == null || requestField.equals("body")) {
            return WHOLE_FORM;
        }
        if (requestField.startsWith("cameras")) {
            return "cameras";
        }
        if (requestField.equals("confusable")) {
            return "plate";
        }
        if (requestField.equals("area") || requestField.startsWith("area.polygon")) {
            return "latitude";
        }
        int dot = requestField.lastIndexOf('.');
        String last = dot < 0 ? requestField : requestField.substring(dot + 1);
        return FIELDS.contains(last) ? last : WHOLE_FORM;
    }

    private String value(String field) {
        String v = values.getOrDefault(field, "");
        return v.isEmpty() ? null : v;
    }

    private Double number(String field, Map<String, String> errors) {
        String v = values.getOrDefault(field, "");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            errors.putIfAbsent(field, "must be a number");
            return null;
        }
    }
}
