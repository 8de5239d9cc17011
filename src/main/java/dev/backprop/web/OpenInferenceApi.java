package dev.backprop.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the controllers of the Open Inference Protocol, whose errors are the protocol's {@code {
 * "error": "..." }} rather than problem details: {@link OpenInferenceAdvice} answers for them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OpenInferenceApi {}
