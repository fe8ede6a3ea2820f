-- caseListPageSql (by arrival, first page, filtered)
select c."id" as "id", c."company_id" as "companyId", c."number" as "number", c."version" as "version", c."channel" as "channel", c."kind" as "kind", c."severity" as "severity", c."category_id" as "categoryId", c."repair_type" as "repairType", c."visit_at" as "visitAt", c."resident_told_at" as "residentToldAt", c."state" as "state", c."received_at" as "receivedAt", c."created_at" as "createdAt", c."updated_at" as "updatedAt", c."recorded_by_id" as "recordedById", c."first_responder_id" as "firstResponderId", c."handler_id" as "handlerId", c."department_id" as "departmentId", c."target_type" as "targetType", c."target_id" as "targetId", c."office_id" as "officeId", c."community_id" as "communityId", c."room_id" as "roomId", c."address" as "address", c."reporter_name" as "reporterName", c."reporter_phone" as "reporterPhone", c."reporter_phone_canonical" as "reporterPhoneCanonical", c."reporter_anonymous" as "reporterAnonymous", c."description" as "description", c."self_complaint" as "selfComplaint", c."about_employee_id" as "aboutEmployeeId", c."service_complaint" as "serviceComplaint", c."reply_count" as "replyCount", c."closure" as "closure", c."escalation_tier" as "escalationTier", c."satisfaction" as "satisfaction", c."reopen_count" as "reopenCount", c."merged_into_id" as "mergedIntoId", c."invalid" as "invalid", c."closed_unsatisfied" as "closedUnsatisfied", c."callback_assignee_id" as "callbackAssigneeId", c."calendar_unknown" as "calendarUnknown", c."resolved_at" as "resolvedAt", c."closed_at" as "closedAt", c."next_due_at" as "nextDueAt", c."timeline_seq" as "timelineSeq", c."timeline_head" as "timelineHead", null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and c.state in ($8, $9) and c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in ($10) and c.next_due_at < $11 and c.received_at >= $12 order by c.received_at desc, c.id desc limit $13;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "routed"
--   $9 = "in_progress"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "2026-03-10T04:00:00.000Z"
--   $12 = "2026-02-01T00:00:00.000Z"
--   $13 = 51

-- caseListPageSql (by arrival, next page)
select c."id" as "id", c."company_id" as "companyId", c."number" as "number", c."version" as "version", c."channel" as "channel", c."kind" as "kind", c."severity" as "severity", c."category_id" as "categoryId", c."repair_type" as "repairType", c."visit_at" as "visitAt", c."resident_told_at" as "residentToldAt", c."state" as "state", c."received_at" as "receivedAt", c."created_at" as "createdAt", c."updated_at" as "updatedAt", c."recorded_by_id" as "recordedById", c."first_responder_id" as "firstResponderId", c."handler_id" as "handlerId", c."department_id" as "departmentId", c."target_type" as "targetType", c."target_id" as "targetId", c."office_id" as "officeId", c."community_id" as "communityId", c."room_id" as "roomId", c."address" as "address", c."reporter_name" as "reporterName", c."reporter_phone" as "reporterPhone", c."reporter_phone_canonical" as "reporterPhoneCanonical", c."reporter_anonymous" as "reporterAnonymous", c."description" as "description", c."self_complaint" as "selfComplaint", c."about_employee_id" as "aboutEmployeeId", c."service_complaint" as "serviceComplaint", c."reply_count" as "replyCount", c."closure" as "closure", c."escalation_tier" as "escalationTier", c."satisfaction" as "satisfaction", c."reopen_count" as "reopenCount", c."merged_into_id" as "mergedIntoId", c."invalid" as "invalid", c."closed_unsatisfied" as "closedUnsatisfied", c."callback_assignee_id" as "callbackAssigneeId", c."calendar_unknown" as "calendarUnknown", c."resolved_at" as "resolvedAt", c."closed_at" as "closedAt", c."next_due_at" as "nextDueAt", c."timeline_seq" as "timelineSeq", c."timeline_head" as "timelineHead", null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and c.state in ($8, $9) and c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in ($10) and c.next_due_at < $11 and c.received_at >= $12 and (c.received_at, c.id) < ($13, $14::uuid) order by c.received_at desc, c.id desc limit $15;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "routed"
--   $9 = "in_progress"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "2026-03-10T04:00:00.000Z"
--   $12 = "2026-02-01T00:00:00.000Z"
--   $13 = "2026-03-10T04:00:00.000Z"
--   $14 = "55555555-5555-4555-8555-555555555555"
--   $15 = 51

-- caseListPageSql (by next due, after a case with a running clock)
select c."id" as "id", c."company_id" as "companyId", c."number" as "number", c."version" as "version", c."channel" as "channel", c."kind" as "kind", c."severity" as "severity", c."category_id" as "categoryId", c."repair_type" as "repairType", c."visit_at" as "visitAt", c."resident_told_at" as "residentToldAt", c."state" as "state", c."received_at" as "receivedAt", c."created_at" as "createdAt", c."updated_at" as "updatedAt", c."recorded_by_id" as "recordedById", c."first_responder_id" as "firstResponderId", c."handler_id" as "handlerId", c."department_id" as "departmentId", c."target_type" as "targetType", c."target_id" as "targetId", c."office_id" as "officeId", c."community_id" as "communityId", c."room_id" as "roomId", c."address" as "address", c."reporter_name" as "reporterName", c."reporter_phone" as "reporterPhone", c."reporter_phone_canonical" as "reporterPhoneCanonical", c."reporter_anonymous" as "reporterAnonymous", c."description" as "description", c."self_complaint" as "selfComplaint", c."about_employee_id" as "aboutEmployeeId", c."service_complaint" as "serviceComplaint", c."reply_count" as "replyCount", c."closure" as "closure", c."escalation_tier" as "escalationTier", c."satisfaction" as "satisfaction", c."reopen_count" as "reopenCount", c."merged_into_id" as "mergedIntoId", c."invalid" as "invalid", c."closed_unsatisfied" as "closedUnsatisfied", c."callback_assignee_id" as "callbackAssigneeId", c."calendar_unknown" as "calendarUnknown", c."resolved_at" as "resolvedAt", c."closed_at" as "closedAt", c."next_due_at" as "nextDueAt", c."timeline_seq" as "timelineSeq", c."timeline_head" as "timelineHead", null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and c.state in ($8, $9) and c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in ($10) and c.next_due_at < $11 and c.received_at >= $12 and (coalesce(c.next_due_at, 'infinity'::timestamptz), c.id) > ($13, $14::uuid) order by coalesce(c.next_due_at, 'infinity'::timestamptz) asc, c.id asc limit $15;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "routed"
--   $9 = "in_progress"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "2026-03-10T04:00:00.000Z"
--   $12 = "2026-02-01T00:00:00.000Z"
--   $13 = "2026-03-10T04:00:00.000Z"
--   $14 = "55555555-5555-4555-8555-555555555555"
--   $15 = 51

-- caseListPageSql (by next due, after a case with none)
select c."id" as "id", c."company_id" as "companyId", c."number" as "number", c."version" as "version", c."channel" as "channel", c."kind" as "kind", c."severity" as "severity", c."category_id" as "categoryId", c."repair_type" as "repairType", c."visit_at" as "visitAt", c."resident_told_at" as "residentToldAt", c."state" as "state", c."received_at" as "receivedAt", c."created_at" as "createdAt", c."updated_at" as "updatedAt", c."recorded_by_id" as "recordedById", c."first_responder_id" as "firstResponderId", c."handler_id" as "handlerId", c."department_id" as "departmentId", c."target_type" as "targetType", c."target_id" as "targetId", c."office_id" as "officeId", c."community_id" as "communityId", c."room_id" as "roomId", c."address" as "address", c."reporter_name" as "reporterName", c."reporter_phone" as "reporterPhone", c."reporter_phone_canonical" as "reporterPhoneCanonical", c."reporter_anonymous" as "reporterAnonymous", c."description" as "description", c."self_complaint" as "selfComplaint", c."about_employee_id" as "aboutEmployeeId", c."service_complaint" as "serviceComplaint", c."reply_count" as "replyCount", c."closure" as "closure", c."escalation_tier" as "escalationTier", c."satisfaction" as "satisfaction", c."reopen_count" as "reopenCount", c."merged_into_id" as "mergedIntoId", c."invalid" as "invalid", c."closed_unsatisfied" as "closedUnsatisfied", c."callback_assignee_id" as "callbackAssigneeId", c."calendar_unknown" as "calendarUnknown", c."resolved_at" as "resolvedAt", c."closed_at" as "closedAt", c."next_due_at" as "nextDueAt", c."timeline_seq" as "timelineSeq", c."timeline_head" as "timelineHead", null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and c.state in ($8, $9) and c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in ($10) and c.next_due_at < $11 and c.received_at >= $12 and (coalesce(c.next_due_at, 'infinity'::timestamptz), c.id) > ('infinity'::timestamptz, $13::uuid) order by coalesce(c.next_due_at, 'infinity'::timestamptz) asc, c.id asc limit $14;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "routed"
--   $9 = "in_progress"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "2026-03-10T04:00:00.000Z"
--   $12 = "2026-02-01T00:00:00.000Z"
--   $13 = "55555555-5555-4555-8555-555555555555"
--   $14 = 51

-- caseListCountSql (filtered)
select count(*)::int as n from (select 1 from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and c.state in ($8, $9) and c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in ($10) and c.next_due_at < $11 and c.received_at >= $12 limit $13) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "routed"
--   $9 = "in_progress"
--   $10 = "33333333-3333-4333-8333-333333333333"
--   $11 = "2026-03-10T04:00:00.000Z"
--   $12 = "2026-02-01T00:00:00.000Z"
--   $13 = 10001

-- caseListPageSql (search)
select c."id" as "id", c."company_id" as "companyId", c."number" as "number", c."version" as "version", c."channel" as "channel", c."kind" as "kind", c."severity" as "severity", c."category_id" as "categoryId", c."repair_type" as "repairType", c."visit_at" as "visitAt", c."resident_told_at" as "residentToldAt", c."state" as "state", c."received_at" as "receivedAt", c."created_at" as "createdAt", c."updated_at" as "updatedAt", c."recorded_by_id" as "recordedById", c."first_responder_id" as "firstResponderId", c."handler_id" as "handlerId", c."department_id" as "departmentId", c."target_type" as "targetType", c."target_id" as "targetId", c."office_id" as "officeId", c."community_id" as "communityId", c."room_id" as "roomId", c."address" as "address", c."reporter_name" as "reporterName", c."reporter_phone" as "reporterPhone", c."reporter_phone_canonical" as "reporterPhoneCanonical", c."reporter_anonymous" as "reporterAnonymous", c."description" as "description", c."self_complaint" as "selfComplaint", c."about_employee_id" as "aboutEmployeeId", c."service_complaint" as "serviceComplaint", c."reply_count" as "replyCount", c."closure" as "closure", c."escalation_tier" as "escalationTier", c."satisfaction" as "satisfaction", c."reopen_count" as "reopenCount", c."merged_into_id" as "mergedIntoId", c."invalid" as "invalid", c."closed_unsatisfied" as "closedUnsatisfied", c."callback_assignee_id" as "callbackAssigneeId", c."calendar_unknown" as "calendarUnknown", c."resolved_at" as "resolvedAt", c."closed_at" as "closedAt", c."next_due_at" as "nextDueAt", c."timeline_seq" as "timelineSeq", c."timeline_head" as "timelineHead", null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and (c.number = $8 or c.search_vector @@ to_tsquery('simple', $9) or (c.reporter_name = $10 and (case when c.reporter_anonymous then c.first_responder_id = $11 else (c.first_responder_id = $12 or c.handler_id = $13 or c.office_id in ($14::uuid)) end))) order by c.received_at desc, c.id desc limit $15;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "电梯 困人"
--   $9 = "'电梯' & '困人'"
--   $10 = "电梯 困人"
--   $11 = "33333333-3333-4333-8333-333333333333"
--   $12 = "33333333-3333-4333-8333-333333333333"
--   $13 = "33333333-3333-4333-8333-333333333333"
--   $14 = "22222222-2222-4222-8222-222222222222"
--   $15 = 51

-- caseListCountSql (search)
select count(*)::int as n from (select 1 from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and (c.number = $8 or c.search_vector @@ to_tsquery('simple', $9) or (c.reporter_name = $10 and (case when c.reporter_anonymous then c.first_responder_id = $11 else (c.first_responder_id = $12 or c.handler_id = $13 or c.office_id in ($14::uuid)) end))) limit $15) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "电梯 困人"
--   $9 = "'电梯' & '困人'"
--   $10 = "电梯 困人"
--   $11 = "33333333-3333-4333-8333-333333333333"
--   $12 = "33333333-3333-4333-8333-333333333333"
--   $13 = "33333333-3333-4333-8333-333333333333"
--   $14 = "22222222-2222-4222-8222-222222222222"
--   $15 = 10001

-- caseListCountSql (an office, resolved on a day)
select count(*)::int as n from (select 1 from cases c where c.company_id = $1 and (c.first_responder_id = $2 or c.recorded_by_id = $3 or c.handler_id = $4
    or c.callback_assignee_id = $5
    or (c.target_type = 'department' and c.department_id in ($6::uuid)) or c.office_id in ($7::uuid)) and c.severity in ($8) and c.office_id in ($9) and c.resolved_at >= $10 and c.resolved_at < $11 limit $12) t;
-- params:
--   $1 = "11111111-1111-4111-8111-111111111111"
--   $2 = "33333333-3333-4333-8333-333333333333"
--   $3 = "33333333-3333-4333-8333-333333333333"
--   $4 = "33333333-3333-4333-8333-333333333333"
--   $5 = "33333333-3333-4333-8333-333333333333"
--   $6 = "44444444-4444-4444-8444-444444444444"
--   $7 = "22222222-2222-4222-8222-222222222222"
--   $8 = "general"
--   $9 = "22222222-2222-4222-8222-222222222222"
--   $10 = "2026-02-01T16:00:00.000Z"
--   $11 = "2026-02-02T16:00:00.000Z"
--   $12 = 10001

-- SEARCH_SETTINGS
set local max_parallel_workers_per_gather = 0;
set local work_mem = '16MB';

-- DENSE_SEARCH_SETTINGS
set local enable_bitmapscan = off;
set local enable_seqscan = off;
