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
