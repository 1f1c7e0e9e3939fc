package io.agreement.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the engine on typical tasks of three annotators: {@code pairs} counts pair scores
 * (three per task, with everything a task score and the project totals cost), {@code parse} counts
 * annotations read from result JSON.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EngineBenchmark {

  private static final int TASKS = 1000;
  private static final int ANNOTATORS = 3;
  private static final int PAIRS = TASKS * ANNOTATORS * (ANNOTATORS - 1) / 2;

  @Param({"Choices", "Labels", "RectangleLabels"})
  public String tagType;

  private ProjectScorer scorer;
  private String[] results;
  private List<List<ParsedAnnotation>> tasks;

  @Setup
  public void setUp() {
    String config =
        "<View><Text name=\"text\" value=\"$text\"/><%s name=\"tag\" toName=\"text\"/></View>"
            .formatted(tagType);
    scorer = new ProjectScorer(LabelConfig.parse(config), Methodology.CONSENSUS, Map.of());
    Random random = new Random(42);
    results = new String[TASKS * ANNOTATORS];
    tasks = new ArrayList<>();
    for (int t = 0; t < TASKS; t++) {
      List<ParsedAnnotation> task = new ArrayList<>();
      for (int a = 0; a < ANNOTATORS; a++) {
        int id = t * ANNOTATORS + a;
        results[id] = result(random);
        task.add(scorer.parse(id, a, results[id]));
      }
      tasks.add(task);
    }
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public void pairs(Blackhole blackhole) {
    for (int t = 0; t < TASKS; t++) {
      blackhole.consume(scorer.score(t, tasks.get(t)));
    }
  }

  @Benchmark
  @OperationsPerInvocation(TASKS * ANNOTATORS)
  public void parse(Blackhole blackhole) {
    for (int i = 0; i < results.length; i++) {
      blackhole.consume(scorer.parse(i, i % ANNOTATORS, results[i]));
    }
  }

  private String result(Random random) {
    List<String> items = new ArrayList<>();
    int regions = tagType.equals("Choices") ? 1 : 5;
    for (int r = 0; r < regions; r++) {
      items.add(item(random, r));
    }
    return "[" + String.join(",", items) + "]";
  }

  private String item(Random random, int region) {
    String label = "L" + random.nextInt(3);
    String value =
        switch (tagType) {
          case "Choices" -> "{\"choices\":[\"%s\"]}".formatted(label);
          case "Labels" -> {
            int start = region * 40 + random.nextInt(4);
            yield "{\"start\":%d,\"end\":%d,\"text\":\"some words\",\"labels\":[\"%s\"]}"
                .formatted(start, start + 20 + random.nextInt(4), label);
          }
          default ->
              String.format(
                  Locale.ROOT,
                  "{\"x\":%.4f,\"y\":%.4f,\"width\":%.4f,\"height\":%.4f,\"rotation\":0,"
                      + "\"rectanglelabels\":[\"%s\"]}",
                  region * 18 + random.nextDouble() * 2,
                  10 + random.nextDouble() * 2,
                  15 + random.nextDouble(),
                  20 + random.nextDouble(),
                  label);
        };
    return ("{\"original_width\":1280,\"original_height\":720,\"image_rotation\":0,\"value\":%s,"
            + "\"id\":\"r%d\",\"from_name\":\"tag\",\"to_name\":\"text\",\"type\":\"%s\","
            + "\"origin\":\"manual\"}")
        .formatted(value, region, tagType.toLowerCase(Locale.ROOT));
  }
}
