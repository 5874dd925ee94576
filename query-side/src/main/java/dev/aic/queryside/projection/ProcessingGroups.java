package dev.aic.queryside.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The query-side's projections as the application declares them: every bean annotated with {@link
 * ProcessingGroup}, by group. Read from the bean definitions, without creating any bean, so that it
 * can configure Axon before Axon builds its processors; a projection added later is found without
 * code. Each group is one processor of the same name here (no processor assignment rules).
 */
final class ProcessingGroups {

    private final Map<String, List<String>> beansByGroup;

    private ProcessingGroups(Map<String, List<String>> beansByGroup) {
        this.beansByGroup = beansByGroup;
    }

    static ProcessingGroups of(ConfigurableListableBeanFactory beans) {
        Map<String, List<String>> byGroup = new TreeMap<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            ProcessingGroup group =
                    type == null
                            ? null
                            : AnnotatedElementUtils.findMergedAnnotation(
                                    type, ProcessingGroup.class);
            if (group != null) {
                byGroup.computeIfAbsent(group.value(), key -> new ArrayList<>()).add(name);
            }
        }
        return new ProcessingGroups(byGroup);
    }

    /** The group names, sorted. */
    Set<String> names() {
        return beansByGroup.keySet();
    }

    boolean contains(String group) {
        return beansByGroup.containsKey(group);
    }

    /** The names of the beans whose handlers the group's processor invokes. */
    List<String> handlerBeans(String group) {
        return beansByGroup.getOrDefault(group, List.of());
    }
}
