package io.agreement.api.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list as Django REST framework's page-number pagination answers it: the total count,
 * links to the next and previous pages (null at either end) and this page's results.
 */
public record Page<T>(
    long count, @Nullable String next, @Nullable String previous, List<T> results) {}
