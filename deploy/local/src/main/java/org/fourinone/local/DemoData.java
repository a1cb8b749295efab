package org.fourinone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code --demo}: residents and orders through the gateway, like a person would enter them.
 * Deterministic (fixed seed, idempotency keys derived from each item), so a second run does not double anything.
 */
final class DemoData {

    /** A demo person; everything but the community is fixed by the seed. */
    record Person(String name, boolean male, String idNumber, String phone, String building) {
    }

    /** Systems as they appear in gateway paths, with whom their orders are dispatched to. */
    record SystemPath(String path, String label, String assigneeType, String assignee) {
    }

    static final List<SystemPath> SYSTEMS = List.of(
            new SystemPath("party", "党建", "PARTY_MEMBER", "pm-0007"),
            new SystemPath("public", "公共服务", "DEPARTMENT", "dept-civil-affairs"),
            new SystemPath("sanshe", "三社联动", "SOCIAL_WORKER", "sw-0012"),
            new SystemPath("volunteer", "志愿者", "VOLUNTEER", "vol-0031"));

    private static final String[][] NAMES = {
            {"王建国", "M"}, {"李秀英", "F"}, {"张伟", "M"}, {"刘芳", "F"}, {"陈志强", "M"},
            {"杨丽娟", "F"}, {"赵明", "M"}, {"黄桂兰", "F"}, {"周磊", "M"}, {"吴静", "F"}};
    private static final String[] MOBILE_PREFIXES = {"138", "139", "150", "186", "135", "177", "158", "189", "131", "199"};
    private static final String[] CHANNELS = {"WEB", "APP", "CALL_CENTER", "DOOR_TO_DOOR"};
    private static final long SEED = 20_260_101L;

    private final String gateway;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    DemoData(String gatewayUrl, PrintStream out) {
        this.gateway = gatewayUrl;
        this.out = out;
    }

    /** Ten people with valid ID numbers and mobile numbers, the same on every run. */
    static List<Person> people() {
        Random random = new Random(SEED);
        List<Person> people = new ArrayList<>();
        for (String[] name : NAMES) {
            boolean male = "M".equals(name[1]);
            String phone = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)]
                    + String.format("%08d", random.nextInt(100_000_000));
            String building = (1 + random.nextInt(12)) + "号楼" + (1 + random.nextInt(4)) + "单元"
                    + (1 + random.nextInt(18)) + "0" + (1 + random.nextInt(4)) + "室";
            people.add(new Person(name[0], male, IdNumbers.random(random, male), phone, building));
        }
        return people;
    }

    void load() throws IOException, InterruptedException {
        long started = System.nanoTime();
        out.println();
        out.println("Loading demo data through " + gateway + " …");
        JsonNode communities = get("/api/public/communities");
        if (!communities.isArray() || communities.isEmpty()) {
            throw new IOException("GET /api/public/communities returned no communities");
        }

        List<String> residentIds = new ArrayList<>();
        List<Person> people = people();
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            JsonNode community = communities.get(i % communities.size());
            String address = text(community, "streetName") + text(community, "name") + person.building();
            ObjectNode body = json.createObjectNode()
                    .put("name", person.name())
                    .put("idNumber", person.idNumber())
                    .put("phone", person.phone())
                    .put("communityId", text(community, "communityId"))
                    .put("address", address);
            Response response = post("/api/public/residents", body, "demo-resident-" + person.idNumber());
            String residentId = response.id("residentId");
            if (residentId == null) {
                out.printf("  ! resident %s not registered (HTTP %d): %s%n", person.name(), response.status(),
                        response.snippet());
                continue;
            }
            residentIds.add(residentId);
            out.printf("  [%2d/%d] resident %s %s — %s%s%n", i + 1, people.size(), residentId, person.name(),
                    text(community, "name"), response.status() == 201 ? "" : " (already there)");
        }
        if (residentIds.isEmpty()) {
            throw new IOException("no resident could be registered");
        }

        out.print("  waiting until every resident is known in all four systems ");
        for (String residentId : residentIds) {
            for (SystemPath system : SYSTEMS) {
                awaitKnown(system, residentId);
            }
            out.print(".");
            out.flush();
        }
        out.println(" done");

        int placed = 0;
        int advanced = 0;
        for (int s = 0; s < SYSTEMS.size(); s++) {
            SystemPath system = SYSTEMS.get(s);
            JsonNode types = get("/api/" + system.path() + "/order-types");
            if (!types.isArray() || types.isEmpty()) {
                out.printf("  ! %s has no order types; skipped%n", system.path());
                continue;
            }
            for (int j = 0; j < 4; j++) {
                int residentIndex = (s * 4 + j) % residentIds.size();
                String residentId = residentIds.get(residentIndex);
                Person person = people.get(Math.min(residentIndex, people.size() - 1));
                JsonNode type = types.get(j % types.size());
                String channel = CHANNELS[(s + j) % CHANNELS.length];
                String typeName = text(type, "name");
                ObjectNode order = json.createObjectNode()
                        .put("residentId", residentId)
                        .put("type", text(type, "code"))
                        .put("channel", channel)
                        .put("title", typeName + "（" + person.name() + "）")
                        .put("description", person.name() + "申请" + typeName + "，请尽快联系处理。")
                        .put("address", person.building());
                if ("CALL_CENTER".equals(channel)) {
                    order.put("operatorId", "cc-op-0" + (s + 1));
                } else if ("DOOR_TO_DOOR".equals(channel)) {
                    order.put("operatorId", "grid-worker-0" + (s + 1));
                }
                String key = "demo-order-" + system.path() + "-" + j + "-" + residentId;
                Response response = post("/api/" + system.path() + "/orders", order, key);
                String orderId = response.id("orderId");
                if (orderId == null) {
                    out.printf("  ! %s order %s not placed (HTTP %d): %s%n", system.path(), typeName,
                            response.status(), response.snippet());
                    continue;
                }
                placed++;
                String stage = advance(system, orderId, residentId, j);
                if (j > 0) {
                    advanced++;
                }
                out.printf("  [%2d/16] %-9s %s %s via %s → %s%n", placed, system.path(), orderId, typeName, channel, stage);
            }
        }
        out.printf("Demo data: %d residents, %d orders (%d moved along) in %s.%n", residentIds.size(), placed, advanced,
                Progress.seconds(Duration.ofNanos(System.nanoTime() - started)));
        out.println("Try: curl " + gateway + "/api/volunteer/residents/" + residentIds.get(0) + "/orders");
    }

    /** Stage 0 stays submitted; 1 accepted; 2 assigned and started; 3 completed and rated. */
    private String advance(SystemPath system, String orderId, String residentId, int stage) throws IOException, InterruptedException {
        String base = "/api/" + system.path() + "/orders/" + orderId;
        String reached = "SUBMITTED";
        String worker = "worker-" + system.path();
        if (stage >= 1 && command(base + "/accept", json.createObjectNode().put("actorId", worker))) {
            reached = "ACCEPTED";
        }
        if (stage >= 2) {
            command(base + "/assign", json.createObjectNode().put("actorId", worker)
                    .put("assigneeType", system.assigneeType()).put("assignee", system.assignee()));
            if (command(base + "/start", json.createObjectNode().put("actorId", system.assignee()))) {
                reached = "IN_PROGRESS";
            }
        }
        if (stage >= 3) {
            command(base + "/complete", json.createObjectNode().put("actorId", system.assignee()).put("note", "已上门处理完毕，居民确认。"));
            if (command(base + "/rate", json.createObjectNode()
                    .put("actorId", residentId).put("level", "VERY_SATISFIED").put("comment", "办事快，态度好，非常满意！"))) {
                reached = "RATED";
            }
        }
        return reached;
    }

    /** A lifecycle command; 409 (already moved on a previous run) is not an error. */
    private boolean command(String path, ObjectNode body) throws IOException, InterruptedException {
        Response response = post(path, body, null);
        if (response.status() / 100 == 2) {
            return true;
        }
        if (response.status() != 409) {
            out.printf("  ! POST %s → HTTP %d: %s%n", path, response.status(), response.snippet());
        }
        return false;
    }

    private void awaitKnown(SystemPath system, String residentId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        String path = "/api/" + system.path() + "/residents/" + residentId + "/orders";
        while (true) {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 404 && response.statusCode() / 100 != 5) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("resident " + residentId + " not known in " + system.path() + " after 90 s (HTTP "
                        + response.statusCode() + ")");
            }
            Thread.sleep(300);
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " → HTTP " + response.statusCode() + ": " + snippet(response.body()));
        }
        return json.readTree(response.body());
    }

    private Response post(String path, JsonNode body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Accept-Language", "zh-CN");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String snippet(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    /** A POST's outcome; the created id comes from the body, or else from the Location header. */
    private final class Response {
        private final int status;
        private final String body;
        private final String location;

        Response(int status, String body, String location) {
            this.status = status;
            this.body = body;
            this.location = location;
        }

        int status() {
            return status;
        }

        String snippet() {
            return DemoData.snippet(body);
        }

        String id(String field) {
            JsonNode tree;
            try {
                tree = body == null || body.isBlank() ? null : json.readTree(body);
            } catch (IOException e) {
                tree = null;
            }
            if (tree != null) {
                for (String name : List.of(field, "id")) {
                    JsonNode value = tree.get(name);
                    if (value != null && value.isTextual() && !value.asText().isBlank()) {
                        return value.asText();
                    }
                }
            }
            if (status / 100 == 2 && location != null && !location.isBlank()) {
                return location.substring(location.lastIndexOf('/') + 1);
            }
            return null;
        }
    }
}
