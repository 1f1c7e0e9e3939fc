package io.agreement.api.web;

import org.springframework.stereotype.Component;

/** Links from a task entry into Label Studio's data manager (SPEC 8). */
@Component
public final class TaskLinks {

  private final String base;

  TaskLinks(LabelStudioProperties props) {
    String url = props.url() == null ? "" : props.url().trim();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** {@code {url}/projects/{project}/data?task={task}}; null without LABEL_STUDIO_URL. */
  public String taskUrl(long projectId, long taskId) {
    return base.isEmpty() ? null : base + "/projects/" + projectId + "/data?task=" + taskId;
  }
}
