package io.agreement.api.backfill;

import io.agreement.api.auth.Caller;
import io.agreement.api.web.ApiException;
import io.agreement.common.delivery.OutboxRelay;
import io.agreement.common.job.JobMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides what to queue in one transaction (jobs inserted as PENDING: the outbox), commits, then
 * publishes. Triggers and cancels of one organization are serialized by an advisory lock, so two
 * concurrent calls never queue the same project twice.
 */
final class BackfillService {

  private static final Logger log = LoggerFactory.getLogger(BackfillService.class);

  private final BackfillRepository repo;
  private final TransactionTemplate tx;
  private final OutboxRelay relay;
  private final Clock clock;
  private final MeterRegistry meters;

  BackfillService(
      BackfillRepository repo,
      TransactionTemplate tx,
      OutboxRelay relay,
      Clock clock,
      MeterRegistry meters) {
    this.repo = repo;
    this.tx = tx;
    this.relay = relay;
    this.clock = clock;
    this.meters = meters;
    for (TriggerRequest.Mode mode : TriggerRequest.Mode.values()) {
      meters.counter("agreement.jobs.queued", "mode", mode.apiName());
    }
  }

  TriggerResult trigger(Caller caller, TriggerRequest request) {
    TriggerResult result =
        tx.execute(
            status -> {
              repo.lockOrganization(caller.organizationId());
              return switch (request.mode()) {
                case NUM_PROJECTS -> queueNext(caller, request.numProjects());
                case PROJECT_ID -> queueProject(caller, request.projectId(), request.force());
                case ALL_PROJECTS -> queueAll(caller, request.force());
              };
            });
    publish(result);
    meters
        .counter("agreement.jobs.queued", "mode", request.mode().apiName())
        .increment(result.jobsQueued());
    return result;
  }

  List<Long> cancel(Caller caller, Long projectId, Long jobId) {
    return tx.execute(
        status -> {
          repo.lockOrganization(caller.organizationId());
          if (projectId != null && !repo.projectExists(caller.organizationId(), projectId)) {
            throw ApiException.projectNotFound(projectId);
          }
          if (jobId != null && repo.job(caller.organizationId(), jobId).isEmpty()) {
            throw ApiException.notFound(
                "Backfill job " + jobId + " not found in your organization");
          }
          return repo.cancelActive(
              caller.organizationId(),
              projectId,
              jobId,
              "Cancelled by " + caller.email(),
              clock.instant());
        });
  }

  private TriggerResult queueNext(Caller caller, int count) {
    List<JobMessage> jobs =
        repo.insertEligible(caller.organizationId(), caller.userId(), count, false, "num_projects");
    BackfillRepository.Counts counts = repo.counts(caller.organizationId());
    return result(
        caller,
        jobs,
        counts,
        0,
        "Queued "
            + jobs.size()
            + " project(s) for Agreement V2 backfill; "
            + counts.completed()
            + " already completed, "
            + counts.eligible()
            + " remaining");
  }

  /** With force, completed projects are queued too: a whole organization re-scored at once. */
  private TriggerResult queueAll(Caller caller, boolean force) {
    int cancelled =
        repo.cancelActive(
                caller.organizationId(),
                null,
                null,
                "Cancelled by all_projects trigger of " + caller.email(),
                clock.instant())
            .size();
    List<JobMessage> jobs =
        repo.insertEligible(caller.organizationId(), caller.userId(), null, force, "all_projects");
    BackfillRepository.Counts counts = repo.counts(caller.organizationId());
    return result(
        caller,
        jobs,
        counts,
        cancelled,
        "Cancelled "
            + cancelled
            + " in-flight job(s) and queued "
            + jobs.size()
            + " project(s) for Agreement V2 backfill; "
            + (force ? "completed ones included" : counts.completed() + " already completed"));
  }

  private TriggerResult queueProject(Caller caller, long projectId, boolean force) {
    long org = caller.organizationId();
    if (!repo.projectExists(org, projectId)) {
      throw ApiException.projectNotFound(projectId);
    }
    Optional<JobView> active = repo.activeJob(org, projectId);
    if (active.isPresent()) {
      return result(
          caller,
          List.of(),
          repo.counts(org),
          0,
          "Project "
              + projectId
              + " already has an active backfill job "
              + active.get().jobId()
              + " ("
              + active.get().status()
              + "); nothing new was queued");
    }
    if (!force && repo.isDone(org, projectId)) {
      return new TriggerResult(
          0,
          1,
          repo.counts(org).eligible(),
          org,
          "Project "
              + projectId
              + " already has a completed backfill; send \"force\": true to recompute it",
          List.of(),
          0);
    }
    List<JobMessage> jobs =
        repo.insertOne(org, projectId, caller.userId(), "project_id").stream().toList();
    return result(
        caller,
        jobs,
        repo.counts(org),
        0,
        "Queued project " + projectId + " for Agreement V2 backfill");
  }

  private static TriggerResult result(
      Caller caller,
      List<JobMessage> jobs,
      BackfillRepository.Counts counts,
      int cancelled,
      String message) {
    List<TriggerResult.QueuedJob> queued =
        jobs.stream().map(j -> new TriggerResult.QueuedJob(j.jobId(), j.projectId())).toList();
    return new TriggerResult(
        jobs.size(),
        counts.completed(),
        counts.eligible(),
        caller.organizationId(),
        message,
        queued,
        cancelled);
  }

  private void publish(TriggerResult result) {
    List<JobMessage> messages =
        result.jobs().stream()
            .map(j -> new JobMessage(j.jobId(), j.projectId(), result.organizationId()))
            .toList();
    try {
      relay.publishNow(messages);
    } catch (RuntimeException e) {
      log.warn(
          "Could not publish {} job(s) now; they stay PENDING and the relay retries: {}",
          messages.size(),
          e.getMessage());
    }
  }
}
