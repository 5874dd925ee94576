package dev.aic.personaldata;

import javax.sql.DataSource;

/**
 * Wraps the key writers' own pool ({@link JdbcSubjectKeys}) as the service wraps its main one, so
 * that whatever observes the service's connections (the benchmark's statement counting) sees these
 * too. Without such a bean the pool is used as it is.
 */
@FunctionalInterface
public interface KeyWriterPoolWrapper {

    DataSource wrap(DataSource pool);
}
