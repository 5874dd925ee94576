package dev.aic.queryside.projection;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Tells a projection's kind from how Spring wired it: a projection whose handlers reach the
 * OpenSearch client (directly or through an index bean) writes to OpenSearch; every other one
 * writes to PostgreSQL through the processor's transaction. Derived, not declared, so that a new
 * projection is classified without code.
 */
final class ProjectionKinds {

    /** Projection → index → client is two steps; a few more leave room for an extra layer. */
    private static final int MAX_DEPTH = 5;

    private final ConfigurableListableBeanFactory beans;
    private final ProcessingGroups groups;

    ProjectionKinds(ConfigurableListableBeanFactory beans, ProcessingGroups groups) {
        this.beans = beans;
        this.groups = groups;
    }

    ProjectionKind of(String group) {
        return groups.handlerBeans(group).stream().anyMatch(this::reachesOpenSearch)
                ? ProjectionKind.OPENSEARCH
                : ProjectionKind.POSTGRESQL;
    }

    private boolean reachesOpenSearch(String bean) {
        Set<String> seen = new HashSet<>();
        Deque<String> level = new ArrayDeque<>();
        level.add(bean);
        for (int depth = 0; depth <= MAX_DEPTH && !level.isEmpty(); depth++) {
            Deque<String> next = new ArrayDeque<>();
            for (String name : level) {
                if (!seen.add(name)) {
                    continue;
                }
                Class<?> type = beans.containsBean(name) ? beans.getType(name, false) : null;
                if (type != null && OpenSearchClient.class.isAssignableFrom(type)) {
                    return true;
                }
                next.addAll(List.of(beans.getDependenciesForBean(name)));
            }
            level = next;
        }
        return false;
    }
}
