package dev.backprop.production;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs on a real PostgreSQL, in a database of its own (see {@link
 * PostgresExtension}). Test methods may take a {@link PostgresDatabase} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
public @interface PostgresTest {}
