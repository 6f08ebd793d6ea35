/** Keys whose values are secrets: their values are never printed in messages. */
const SECRET_KEY = /(api[-_]?key|secret|token|password|credential|^key$)/i;

/** Whether a map key names a secret (`api_key`, `key`, `token`, ...). */
export function isSecretKey(key: PropertyKey | undefined): boolean {
  return typeof key === 'string' && SECRET_KEY.test(key);
}
