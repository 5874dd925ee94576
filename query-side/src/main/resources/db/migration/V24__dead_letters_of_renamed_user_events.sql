-- The user's events became records nested in UserEvent (docs/event-evolution.md, "Naming events"): a letter
-- parked under a former name takes today's name, as V23 did for the document's, because Axon's dead-letter
-- queue deserializes the stored payload type as it is, without contracts' RenamedEventUpcaster.
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$Registered'
WHERE payloadtype = 'dev.aic.contracts.user.UserRegistered';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$IdentityLinked'
WHERE payloadtype = 'dev.aic.contracts.user.UserIdentityLinked';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$ProfileUpdated'
WHERE payloadtype = 'dev.aic.contracts.user.UserProfileUpdated';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$RolesChanged'
WHERE payloadtype = 'dev.aic.contracts.user.UserRolesChanged';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$Deactivated'
WHERE payloadtype = 'dev.aic.contracts.user.UserDeactivated';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$Reactivated'
WHERE payloadtype = 'dev.aic.contracts.user.UserReactivated';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$EmailPreferencesChanged'
WHERE payloadtype = 'dev.aic.contracts.user.EmailPreferencesChanged';
UPDATE deadletterentry SET payloadtype = 'dev.aic.contracts.user.UserEvent$Erased'
WHERE payloadtype = 'dev.aic.contracts.user.MemberErased';
