import java.util.*;
import java.util.stream.*;
import org.apache.kafka.clients.admin.*;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Prints, once per interval, the lag (records not yet committed) of every order projection's
 * consumer group ({@code <service>.orders}) on {@code community.orders.v1}: steady lag means a
 * projection slower than the order rate, spikes mean stalls.
 *
 * <p>{@code java -cp "deploy/local/target/lib/*" benchmarks/tools/ConsumerLag.java localhost:9092 1000}
 */
public class ConsumerLag {
  public static void main(String[] a) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", a.length > 0 ? a[0] : "localhost:9092");
    long every = a.length > 1 ? Long.parseLong(a[1]) : 1000;
    try (Admin admin = Admin.create(p)) {
      List<String> groups = admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).filter(g -> g.endsWith(".orders")).sorted().toList();
      System.out.println("time " + String.join(" ", groups));
      while (true) {
        StringBuilder line = new StringBuilder(String.format("%tT", System.currentTimeMillis()));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        for (String g : groups) {
          var offs = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get();
          committed.put(g, offs);
          offs.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        }
        var ends = admin.listOffsets(latest).all().get();
        for (String g : groups) {
          long lag = 0;
          for (var e : committed.get(g).entrySet()) {
            if (!e.getKey().topic().equals("community.orders.v1")) continue;
            lag += ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset());
          }
          line.append(' ').append(lag);
        }
        System.out.println(line);
        Thread.sleep(every);
      }
    }
  }
}
