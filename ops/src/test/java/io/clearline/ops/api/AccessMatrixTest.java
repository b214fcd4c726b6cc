package io.clearline.ops.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.ops.DemoNodeTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API endpoint with every role: no bank reads or moves another bank's money, only the operator
 * admits, suspends and pledges, only a bank's own system submits messages, every signed-in user reads the API's
 * documentation, and nobody gets in without credentials. Statuses only: what each endpoint answers is
 * tested elsewhere.
 */
class AccessMatrixTest extends DemoNodeTest {
    private static final String ANONYMOUS = null;
    private static final String OPERATOR = "operator";
    private static final String REGULATOR = "regulator";
    private static final String UNKNOWN_UETR = "00000000-0000-4000-8000-000000000000";
    private static final String PLEDGE = "{\"direction\":\"PLEDGE\",\"amount\":\"1.00\",\"currency\":\"EUR\"}";

    record Call(String method, String path, String json) {
        static Call get(String path) {
            return new Call("GET", path, null);
        }

        static Call post(String path, String json) {
            return new Call("POST", path, json);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> matrix() {
        List<Object[]> rows = List.of(
                // call, anonymous, Alpha's system, operator, regulator
                new Object[] {Call.get("/api/participants"), 401, 200, 200, 200},
                new Object[] {Call.post("/api/participants", "{\"bic\":\"ZULUEUZZXXX\",\"name\":\"Zulu\"}"),
                        401, 403, 201, 403},
                new Object[] {Call.post("/api/participants/" + ALPHA + "/liquidity", PLEDGE), 401, 202, 202, 403},
                new Object[] {Call.post("/api/participants/" + BRAVO + "/liquidity", PLEDGE), 401, 403, 202, 403},
                new Object[] {Call.post("/api/participants/UNKNEUUUXXX/suspend", "{\"reason\":\"x\"}"),
                        401, 403, 404, 403},
                new Object[] {Call.post("/api/participants/UNKNEUUUXXX/reactivate", null), 401, 403, 404, 403},
                new Object[] {Call.get("/api/positions/" + ALPHA), 401, 200, 200, 200},
                new Object[] {Call.get("/api/positions/" + BRAVO), 401, 403, 200, 200},
                new Object[] {Call.get("/api/statements/" + ALPHA), 401, 200, 200, 200},
                new Object[] {Call.get("/api/statements/" + BRAVO), 401, 403, 200, 200},
                new Object[] {Call.get("/api/statements/" + BRAVO + "/iso20022?currency=EUR"), 401, 403, 200, 200},
                new Object[] {Call.get("/api/statements/" + ALPHA + "/iso20022?currency=JPY"), 401, 404, 404, 404},
                new Object[] {Call.get("/api/statements/" + ALPHA + "?date=2001-01-01"), 401, 404, 404, 404},
                new Object[] {Call.get("/api/queues/" + ALPHA), 401, 200, 200, 200},
                new Object[] {Call.get("/api/queues/" + BRAVO), 401, 403, 200, 200},
                new Object[] {Call.get("/api/iso20022/outbox/" + ALPHA), 401, 200, 200, 200},
                new Object[] {Call.get("/api/iso20022/outbox/" + BRAVO), 401, 403, 200, 200},
                new Object[] {Call.post("/api/iso20022/messages", "{}"), 401, 415, 403, 403},
                new Object[] {Call.get("/api/payments/" + UNKNOWN_UETR), 401, 404, 404, 404},
                new Object[] {Call.post("/api/payments/" + UNKNOWN_UETR + "/cancel", null), 401, 404, 404, 404},
                new Object[] {Call.post("/api/payments/" + UNKNOWN_UETR + "/priority", "{\"priority\":\"HIGH\"}"),
                        401, 404, 404, 404},
                new Object[] {Call.get("/api/lsm/runs"), 401, 403, 200, 200},
                new Object[] {Call.get("/api/business-day"), 401, 200, 200, 200},
                new Object[] {Call.get("/api/flows"), 401, 403, 200, 200},
                new Object[] {Call.post("/api/flows/payment:unknown/retry", null), 401, 403, 404, 403},
                // No day was ever opened here, so the operator's cut-off is out of order.
                new Object[] {Call.post("/api/business-day/cut-off", null), 401, 403, 409, 403},
                new Object[] {Call.post("/api/business-day/customer-cut-off", null), 401, 403, 409, 403},
                new Object[] {Call.post("/api/lsm/runs", "{\"currency\":\"EUR\"}"), 401, 403, 201, 403},
                new Object[] {Call.get("/api/ledger/transactions/unknown"), 401, 404, 404, 404},
                new Object[] {Call.get("/api/audit"), 401, 403, 200, 200},
                // Who is a member is no secret among members: every signed-in user reads the signed list.
                new Object[] {Call.get("/api/network/membership"), 401, 200, 200, 200},
                new Object[] {Call.get("/v3/api-docs"), 401, 200, 200, 200},
                new Object[] {Call.get("/v3/api-docs/swagger-config"), 401, 200, 200, 200},
                new Object[] {Call.get("/swagger-ui/index.html"), 401, 200, 200, 200},
                // The documentation is read-only: a write fails CSRF before anyone is asked who they are.
                new Object[] {Call.post("/v3/api-docs", null), 403, 403, 403, 403},
                new Object[] {Call.get("/actuator/health"), 200, 200, 200, 200});
        String[] users = {ANONYMOUS, ALPHA, OPERATOR, REGULATOR};
        return rows.stream().flatMap(row -> Stream.of(0, 1, 2, 3).map(column -> Arguments.of(
                users[column] == null ? "anonymous" : users[column], row[0], row[column + 1])));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("matrix")
    void everyRoleGetsExactlyItsAccess(String user, Call call, int expectedStatus) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(call.path()));
        if (call.method().equals("GET")) {
            request.GET();
        } else if (call.json() == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call.json()));
        }
        HttpResponse<String> response = send(user.equals("anonymous") ? null : user, request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    }
}
