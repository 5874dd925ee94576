package dev.aic.queryside.agenda;

import dev.aic.queryside.ProjectionNames;
import dev.aic.queryside.rebuild.RebuildableProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the agenda tables rebuildable through the rebuild API ({@code POST
 * /api/admin/projections/agendas/rebuild}).
 */
@Configuration(proxyBeanMethods = false)
class AgendaReadModel {

    @Bean
    RebuildableProjection agendasProjection() {
        return RebuildableProjection.ofTables(
                ProjectionNames.AGENDAS,
                "agenda",
                "agenda_room",
                "agenda_slot",
                "agenda_session",
                "agenda_mark",
                "agenda_solve");
    }
}
