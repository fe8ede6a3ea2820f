/**
 * 受理登记 — intake, keyboard-first (UI-3): focus starts in the phone field, the caller panel appears
 * as the number is typed, Enter moves to the next field, Ctrl+Enter submits, and the new number is shown big
 * enough to read out. One Idempotency-Key per intake: a double submit never records the matter twice.
 * The form is in intake/ (IntakeForm with its state in useIntakeForm, the caller panel, the hints).
 */
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/cases';
import { useMe } from '../../api/queries';
import type { Case } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/i18n';
import { Created } from './intake/Created';
import { IntakeForm } from './intake/IntakeForm';

export default function IntakePage() {
  const { t } = useI18n();
  const me = useMe();
  const [key, setKey] = useState(newIdempotencyKey);
  const [created, setCreated] = useState<Case | null>(null);

  const restart = () => {
    setCreated(null);
    setKey(newIdempotencyKey());
  };
  if (!me.data) return null;
  if (created) return <Created c={created} onNew={restart} />;
  return (
    <>
      <PageHeader title={t('nav.caseNew')} subTitle={t('intake.subtitle')} />
      <IntakeForm key={key} idempotencyKey={key} onCreated={setCreated} />
    </>
  );
}
