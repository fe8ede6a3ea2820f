/**
 * Masking for roles that must not see personal data (PRIV-2: used only to handle and answer the case,
 * kept confidential). Masked values still let a technician confirm "the resident ending in 5678".
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepHead = digits.length >= 11 ? 3 : Math.min(3, digits.length - 4);
  return digits.slice(0, keepHead) + '*'.repeat(digits.length - keepHead - 4) + digits.slice(-4);
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; Latin names keep their initial. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return name ?? null;
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
