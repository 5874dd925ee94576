-- Parked events are handled again without Axon's upcasters (its dead-letter queue deserializes the stored
-- payload type as it is), so a letter parked under an event class's former name takes today's name here, as
-- contracts' RenamedEventUpcaster reads the event store (docs/event-evolution.md, "Naming events").
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.document.DocumentEvent$Uploaded'
WHERE payloadtype = 'dev.aic.contracts.document.DocumentEvent$DocumentUploaded';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.document.DocumentEvent$VersionAdded'
WHERE payloadtype = 'dev.aic.contracts.document.DocumentEvent$DocumentVersionAdded';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.document.DocumentEvent$Deleted'
WHERE payloadtype = 'dev.aic.contracts.document.DocumentEvent$DocumentDeleted';
