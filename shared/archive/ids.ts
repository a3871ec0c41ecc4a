// Pure. The ids a stored record may carry. They end up in file and folder names (the
// automatic backup's folder is the operation's id) and in database keys, so a file from
// elsewhere may not bring `../../tmp/evil`, a slash, a space or a 50 MB id.

/** An operation's id: it names the automatic backups' folder on every platform. */
export const OPERATION_ID = /^[0-9A-Za-z-]{1,64}$/;

/** Any other record's id: letters, digits, '-', '_' and ':' (the settlement's `${operation}:settlement`). */
export const RECORD_ID = /^[0-9A-Za-z][0-9A-Za-z_:-]{0,127}$/;

export const OPERATION_ID_RULE = '行动编号只能由字母、数字和连字符组成，不超过 64 个字符';
export const RECORD_ID_RULE = '记录编号只能由字母、数字、连字符、下划线和冒号组成，以字母或数字开头，不超过 128 个字符';
