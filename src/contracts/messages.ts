/**
 * Server messages in both languages. `en-US` is typed against `zh-CN`, so a key missing from either side fails
 * the typecheck (and src/contracts/messages.test.ts).
 */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];

const zhCN = {
  validation_failed: '提交的内容有误，请检查标出的字段',
  unauthenticated: '请先登录，或登录已过期',
  forbidden: '您没有权限执行此操作',
  not_found: '找不到该记录',
  route_not_found: '接口不存在',
  invalid_transition: '当前状态下不能执行此操作',
  version_conflict: '该记录已被他人修改，请刷新后重试',
  rule_violation: '不符合业务规则',
  idempotency_mismatch: '相同的幂等键已用于不同的请求内容',
  rate_limited: '尝试次数过多，请在 {minutes} 分钟后再试',
  unavailable: '数据库暂时不可用，请稍后再试',
  internal: '服务器内部错误，已记录，请稍后再试',
  payload_too_large: '上传的文件过大（上限 {mb} MB）',
  bad_json: '请求内容不是有效的 JSON',
  // authentication
  'auth.bad_credentials': '用户名或密码错误',
  'auth.locked': '该账号登录失败次数过多，已锁定，请在 {minutes} 分钟后再试',
  'auth.ip_limited': '此网络的登录尝试过多，请在 {minutes} 分钟后再试',
  'auth.wrong_current_password': '当前密码不正确',
  'auth.demo_password_refused': '生产环境不允许使用演示密码',
  // rules
  'rule.username_taken': '用户名已被使用',
  'rule.duplicate_name': '同名记录已存在',
  'rule.in_use': '该记录仍被引用，不能删除',
  'rule.office_out_of_scope': '不在您负责的管理处范围内',
  'rule.head_not_member': '负责人必须是本公司员工',
  'rule.room_exists': '该单元已有此房号',
  'rule.import_has_errors': '导入文件有 {count} 行错误，未导入任何数据',
  'rule.import_empty': '导入文件没有数据行',
  'rule.import_bad_header': '表头不符合模板，缺少列：{columns}',
  'rule.import_bad_file': '无法读取该文件，请上传 .xlsx 或 .csv 模板文件',
  'rule.import_too_many_rows': '单次最多导入 {max} 行',
  'rule.last_admin': '不能停用或降级最后一个管理员',
  // property register
  'rule.room_listed_twice': '同一房屋填写了两次',
  'rule.resident_room_required': '请至少关联一个房屋',
  'rule.in_use_buildings': '该小区下还有 {count} 栋楼，请先删除楼栋',
  'rule.in_use_units': '该楼栋下还有 {count} 个单元，请先删除单元',
  'rule.in_use_rooms': '该单元下还有 {count} 个房屋，请先删除房屋',
  'field.too_many_phones': '最多填写 5 个电话号码',
  // organisation register (issue 2 §6)
  'rule.office_in_use':
    '该管理处下还有 {communities} 个小区、{departments} 个部门、{users} 名员工，请先移走后再删除',
  'rule.department_in_use': '该部门还有 {users} 名员工，请先调整他们的所属部门后再删除',
  'field.invalid_time_zone': '不是有效的时区名称，例如 Asia/Shanghai',
  // settings, attachments, idempotency (issue 3)
  'rule.category_cycle': '不能把分类移到它自己或它的下级分类下面',
  'rule.category_too_deep': '分类最多三级',
  'rule.category_parent_inactive': '上级分类已停用，请先启用上级分类',
  'rule.idempotency_in_progress': '相同幂等键的请求仍在处理中，请稍后重试',
  'calendar.missing_years':
    '尚未录入 {years} 年的法定节假日和调休安排，按工作日计算的时限可能不准确，请在“设置 → 工作日历”中录入',
  'field.invalid_date': '不是有效的日期',
  'field.date_not_in_year': '日期不在所编辑的年份内',
  'field.duplicate_date': '同一日期填写了两次',
  'field.duration_amount': '时长不在允许范围内：分钟、小时至少为 1，天数可为 0，“当天”填 0',
  'field.too_many': '条目过多',
  'field.number_prefix': '编号前缀须为 1–4 个大写英文字母',
  'field.number_prefix_duplicate': '不同类型不能使用相同的编号前缀',
  'field.file_type': '不支持的文件类型，请上传图片（JPG、PNG、WEBP、HEIC）、PDF、Word、Excel 或纯文本文件',
  'field.file_empty': '文件是空的',
  'field.attachment_unavailable': '附件不存在，或已关联到其他事项',
  'field.idempotency_key': '幂等键须为 1–200 个可见 ASCII 字符',
  'field.event_stream_accept': '此接口是事件流，请求头 Accept 须包含 text/event-stream',
  // field validation (zod issues)
  'field.required': '必填',
  'field.invalid_type': '类型不正确',
  'field.too_short': '至少 {min} 个字符',
  'field.too_long': '最多 {max} 个字符',
  'field.too_small': '不能小于 {min}',
  'field.too_big': '不能大于 {max}',
  'field.invalid_value': '取值无效',
  'field.invalid_format': '格式不正确',
  'field.invalid_uuid': '编号格式不正确',
  'field.unknown_key': '不支持的字段',
  'field.phone_invalid': '电话号码格式不正确',
  'field.phone_area_code_required': '固定电话需带区号',
  'field.password_too_short': '密码至少 10 个字符',
  'field.not_integer': '必须是整数',
  // case desk
  'field.resident_agreement_required': '延期须经业主同意',
  'field.satisfaction_not_reached': '未联系上业主时不能填写满意度',
  'field.merge_into_self': '不能合并到本事项自身',
  'field.must_be_future': '时间必须晚于当前时间',
  'field.not_in_future': '不能晚于当前时间',
  'field.received_too_early': '接收时间超出允许补录的期限（30 天）',
  'field.repair_type_only_for_repairs': '只有报修事项才能选择报修类型',
  'field.not_in_department': '该员工不属于目标部门',
  'rule.escalation_max_tier': '已升级到最高级（经理），不能再升级',
  'rule.merged_case_reopen': '该事项已合并到其他事项，请重新打开合并后的事项',
  'rule.clock_not_running': '该时限未在计时，无法延期',
  'rule.extend_after_deadline': '已超过时限，延期须在到期前与业主约定',
  'rule.extend_not_later': '新的完成时间必须晚于原时限',
  'rule.reply_warnings': '答复内容有提示未处理：请修改措辞，或填写坚持发送的理由',
  'rule.merge_target_closed': '只能合并到未关闭的其他事项',
  // import rows
  'import.community_required': '小区不能为空',
  'import.building_required': '楼栋不能为空',
  'import.unit_required': '单元不能为空',
  'import.room_required': '房号不能为空',
  'import.area_invalid': '面积必须是 0–100000 之间的数字',
  'import.status_invalid': '状态只能是“已入住”或“空置”',
  'import.relation_invalid': '关系只能是“业主”“租户”或“家属”',
  'import.name_required_with_phone': '填写了电话或关系时必须填写住户姓名',
  'import.phone_invalid': '电话“{phone}”格式不正确',
  'import.duplicate_row': '与第 {row} 行重复（同一小区、楼栋、单元、房号、住户）',
  'import.too_long': '“{column}”过长（最多 {max} 个字符）',
  'import.community_unknown': '小区“{name}”不存在，请先在物业资料中创建',
  'import.community_out_of_scope': '小区“{name}”不在您负责的管理处范围内',
  'import.room_conflict': '同一房屋的{column}与第 {row} 行不一致',
  'import.phone_area_code_required': '电话“{phone}”是固定电话，需带区号',
  'import.reimport_note':
    '重复导入是安全的：已有房屋按“小区/楼栋/单元/房号”更新面积和状态，住户和电话只增不减。文件中没有的房屋、住户和电话不会被删除，需要时请在物业资料中逐一处理；面积、状态留空则保留原值。',
} as const;

export type MessageKey = keyof typeof zhCN;

const enUS: Record<MessageKey, string> = {
  validation_failed: 'Some fields are not valid; please check the marked fields',
  unauthenticated: 'Please sign in; your session may have expired',
  forbidden: 'You are not allowed to do this',
  not_found: 'Not found',
  route_not_found: 'No such endpoint',
  invalid_transition: 'This action is not allowed in the current state',
  version_conflict: 'Someone else changed this record; reload and try again',
  rule_violation: 'This breaks a business rule',
  idempotency_mismatch: 'This Idempotency-Key was already used with a different request body',
  rate_limited: 'Too many attempts; try again in {minutes} minutes',
  unavailable: 'The database is unavailable; please try again shortly',
  internal: 'Internal error; it has been logged, please try again later',
  payload_too_large: 'The upload is too large (limit {mb} MB)',
  bad_json: 'The request body is not valid JSON',
  'auth.bad_credentials': 'Wrong username or password',
  'auth.locked': 'Too many failed sign-ins for this account; try again in {minutes} minutes',
  'auth.ip_limited': 'Too many sign-in attempts from this network; try again in {minutes} minutes',
  'auth.wrong_current_password': 'The current password is not correct',
  'auth.demo_password_refused': 'The demo password is not allowed in production',
  'rule.username_taken': 'This username is already taken',
  'rule.duplicate_name': 'A record with this name already exists',
  'rule.in_use': 'This record is still in use and cannot be deleted',
  'rule.office_out_of_scope': 'This is outside the offices you are responsible for',
  'rule.head_not_member': 'The head must be an employee of this company',
  'rule.room_exists': 'This unit already has a room with this number',
  'rule.import_has_errors': 'The file has {count} rows with errors; nothing was imported',
  'rule.import_empty': 'The file has no data rows',
  'rule.import_bad_header': 'The header does not match the template; missing columns: {columns}',
  'rule.import_bad_file': 'This file cannot be read; upload the .xlsx or .csv template',
  'rule.import_too_many_rows': 'At most {max} rows can be imported at once',
  'rule.last_admin': 'The last administrator cannot be deactivated or demoted',
  'rule.room_listed_twice': 'This room is listed twice',
  'rule.resident_room_required': 'Link at least one room',
  'rule.in_use_buildings': 'This community still has {count} buildings; delete them first',
  'rule.in_use_units': 'This building still has {count} units; delete them first',
  'rule.in_use_rooms': 'This unit still has {count} rooms; delete them first',
  'field.too_many_phones': 'At most 5 phone numbers',
  'rule.office_in_use':
    'This office still has {communities} communities, {departments} departments and {users} staff; move them first',
  'rule.department_in_use': 'This department still has {users} staff; move them to another department first',
  'field.invalid_time_zone': 'Not a valid time zone name, e.g. Asia/Shanghai',
  'rule.category_cycle': 'A category cannot be moved under itself or one of its subcategories',
  'rule.category_too_deep': 'Categories can be at most three levels deep',
  'rule.category_parent_inactive': 'The parent category is switched off; switch it on first',
  'rule.idempotency_in_progress': 'A request with this Idempotency-Key is still running; try again shortly',
  'calendar.missing_years':
    'The statutory holidays and adjusted workdays of {years} have not been entered; working-day deadlines may be wrong. Enter them under Settings → Working calendar',
  'field.invalid_date': 'Not a valid date',
  'field.date_not_in_year': 'The date is not in the year being edited',
  'field.duplicate_date': 'This date is listed twice',
  'field.duration_amount': 'Out of range: minutes and hours at least 1, days may be 0, “same day” takes 0',
  'field.too_many': 'Too many entries',
  'field.number_prefix': 'A number prefix is 1–4 capital letters',
  'field.number_prefix_duplicate': 'Two kinds cannot share a number prefix',
  'field.file_type':
    'This file type is not accepted; upload an image (JPG, PNG, WEBP, HEIC), PDF, Word, Excel or plain text file',
  'field.file_empty': 'The file is empty',
  'field.attachment_unavailable': 'The attachment does not exist or belongs to another case',
  'field.idempotency_key': 'An Idempotency-Key is 1–200 visible ASCII characters',
  'field.event_stream_accept': 'This is an event stream: the Accept header must include text/event-stream',
  'field.required': 'Required',
  'field.invalid_type': 'Wrong type',
  'field.too_short': 'At least {min} characters',
  'field.too_long': 'At most {max} characters',
  'field.too_small': 'Must be at least {min}',
  'field.too_big': 'Must be at most {max}',
  'field.invalid_value': 'Not an allowed value',
  'field.invalid_format': 'Wrong format',
  'field.invalid_uuid': 'Not a valid id',
  'field.unknown_key': 'Unknown field',
  'field.phone_invalid': 'Not a valid phone number',
  'field.phone_area_code_required': 'Landlines need the area code',
  'field.password_too_short': 'Passwords need at least 10 characters',
  'field.not_integer': 'Must be a whole number',
  'field.resident_agreement_required': 'An extension needs the resident’s agreement',
  'field.satisfaction_not_reached': 'No satisfaction can be recorded when the resident was not reached',
  'field.merge_into_self': 'A case cannot be merged into itself',
  'field.must_be_future': 'The time must be later than now',
  'field.not_in_future': 'Cannot be in the future',
  'field.received_too_early': 'Received too long ago to be back-dated (30 days)',
  'field.repair_type_only_for_repairs': 'Only repair requests have a repair type',
  'field.not_in_department': 'This employee is not in the target department',
  'rule.escalation_max_tier': 'Already escalated to the top tier (manager)',
  'rule.merged_case_reopen': 'This case was merged into another; reopen that case instead',
  'rule.clock_not_running': 'This clock is not running and cannot be extended',
  'rule.extend_after_deadline':
    'The deadline has passed; an extension must be agreed with the resident before it',
  'rule.extend_not_later': 'The new due time must be later than the current one',
  'rule.reply_warnings':
    'The reply has unresolved warnings: change the wording or give a reason to send it anyway',
  'rule.merge_target_closed': 'A case can only be merged into another open case',
  'import.community_required': 'Community is required',
  'import.building_required': 'Building is required',
  'import.unit_required': 'Unit is required',
  'import.room_required': 'Room is required',
  'import.area_invalid': 'Area must be a number between 0 and 100000',
  'import.status_invalid': 'Status must be “已入住” (occupied) or “空置” (vacant)',
  'import.relation_invalid': 'Relation must be “业主” (owner), “租户” (tenant) or “家属” (family)',
  'import.name_required_with_phone': 'A resident name is required when a phone or relation is given',
  'import.phone_invalid': 'Phone “{phone}” is not valid',
  'import.duplicate_row': 'Duplicates row {row} (same community, building, unit, room and resident)',
  'import.too_long': '“{column}” is too long (at most {max} characters)',
  'import.community_unknown': 'Community “{name}” does not exist; create it in the property register first',
  'import.community_out_of_scope': 'Community “{name}” is outside the offices you are responsible for',
  'import.room_conflict': 'The same room has a different {column} in row {row}',
  'import.phone_area_code_required': 'Phone “{phone}” is a landline and needs the area code',
  'import.reimport_note':
    'Re-importing is safe: existing rooms (community/building/unit/room) get their area and status updated; residents and phones are only added. Rooms, residents and phones missing from the file are not deleted; remove them one by one in the property register. An empty area or status keeps the stored value.',
};

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** The message for `key` in `locale`, with {placeholders} filled; unknown keys fall back to the generic code text. */
export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const table = MESSAGES[locale];
  const template = isMessageKey(key) ? table[key] : key.startsWith('rule.') ? table.rule_violation : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks zh-CN (default) or en-US from an Accept-Language header. */
export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  for (const part of acceptLanguage.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en-US';
  }
  return 'zh-CN';
}
