package dev.backprop.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method that {@link DirectMappings} maps ahead of the generic lookup: for a hot
 * endpoint whose every request would otherwise be matched against all the application's mappings.
 * The method's {@code @RequestMapping} is unchanged and still the one documented.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DirectlyMapped {}
