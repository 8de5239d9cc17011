/**
 * What can go wrong, in the service's own terms: the failures that feature services throw and that
 * carry no HTTP type. Only {@code dev.backprop.web} decides how each becomes an answer (a problem
 * detail on {@code /api/v1}, {@code { "error" }} on {@code /v2}); see {@code docs/architecture.md}.
 */
package dev.backprop.domain;
