package io.agreement.worker.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a worker process runs jobs.
 *
 * @param concurrency jobs this process runs at once (one consumer and one prefetched message each)
 * @param id this worker's id in job rows; host name and process id when blank
 * @param heartbeatInterval how often a running job's heartbeat is refreshed
 * @param lease a RUNNING job whose heartbeat is older than this is rescued by the reaper
 * @param reaperInterval how often this worker looks for stale RUNNING jobs
 * @param maxAttempts attempts after which a job is FAILED instead of run again
 * @param chunkSize tasks scored and written per chunk; cancel is checked between chunks
 * @param shutdownGrace on SIGTERM, how long the current job may run before it is handed back
 * @param retryBackoff first wait between transient retries, doubled each time
 * @param chunkPause pause after each chunk, to throttle the load a backfill puts on a busy database
 * @param warmupAnnotations synthetic annotations scored at start, before the first job, so that the
 *     first jobs run compiled (see {@link Warmup}); 0 starts cold
 */
@ConfigurationProperties("agreement.worker")
public record WorkerProperties(
    @DefaultValue("1") int concurrency,
    @DefaultValue("") String id,
    @DefaultValue("2s") Duration heartbeatInterval,
    @DefaultValue("30s") Duration lease,
    @DefaultValue("5s") Duration reaperInterval,
    @DefaultValue("5") int maxAttempts,
    @DefaultValue("2000") int chunkSize,
    @DefaultValue("30s") Duration shutdownGrace,
    @DefaultValue("1s") Duration retryBackoff,
    @DefaultValue("0ms") Duration chunkPause,
    @DefaultValue("150000") int warmupAnnotations) {

  public String workerId() {
    if (id != null && !id.isBlank()) {
      return id;
    }
    return hostName() + "-" + ProcessHandle.current().pid();
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "worker";
    }
  }
}
