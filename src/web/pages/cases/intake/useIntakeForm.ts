/**
 * The state behind the intake form: the form and its watched fields, the caller lookup as the phone is typed (with
 * the case being recorded, so the server marks likely duplicates), the open recurring problem the case would join,
 * the keyboard path (Enter moves on, Ctrl+Enter submits), choosing a room from the caller panel, linking the case
 * to a recently closed one it repeats (INTAKE-12), and sending the create body once under the intake's
 * Idempotency-Key. Once the case is taken, the caller lookups and the case lists are refetched at once: the next
 * call from the same number sees it in the caller panel without waiting out the lookup's stale time.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Form } from 'antd';
import { call } from '../../../api/client';
import { endpoints } from '../../../api/endpoints';
import { CALLER_LOOKUP, CASES, useCategories } from '../../../api/cases';
import { useMe } from '../../../api/queries';
import type { Case } from '../../../api/types';
import { applyServerError, type ShownError } from '../../../components/form-errors';
import type { Option } from '../../../components/RemoteSelect';
import { toTree } from './categoryTree';
import { toCreateBody, type IntakeValues } from './intakeBody';

const LOOKUP_DEBOUNCE_MS = 300;
/** a phone worth looking up: a local landline has 7 digits */
export const LOOKUP_MIN_DIGITS = 7;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function useIntakeForm({
  idempotencyKey,
  onCreated,
}: {
  idempotencyKey: string;
  onCreated: (c: Case) => void;
}) {
  const me = useMe().data!;
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IntakeValues>();
  const wrapper = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);
  const [roomKnown, setRoomKnown] = useState<Option[]>([]);
  const categories = useCategories();
  const categoryTree = useMemo(() => toTree(categories.data?.items ?? []), [categories.data]);

  const channel = Form.useWatch('channel', form);
  const kind = Form.useWatch('kind', form);
  const severity = Form.useWatch('severity', form);
  const repairType = Form.useWatch('repairType', form);
  const categoryId = Form.useWatch('categoryId', form);
  const receivedAt = Form.useWatch('receivedAt', form) as Dayjs | null | undefined;
  const roomId = Form.useWatch('roomId', form);
  const onTheSpot = Form.useWatch('onTheSpot', form);
  const phone = (Form.useWatch(['reporter', 'phone'], form) ?? '').trim();
  const lookupPhone = useDebounced(phone, LOOKUP_DEBOUNCE_MS);
  const digits = (lookupPhone.match(/\d/g) ?? []).length;

  // The case being recorded goes with the lookup: the server marks the caller's open cases that the domain's
  // duplicate rule holds likely duplicates of it (src/domain/case/duplicates.ts).
  const recording = { ...(categoryId ? { categoryId } : {}), ...(roomId ? { roomId } : {}) };
  const lookup = useQuery({
    queryKey: [CALLER_LOOKUP, lookupPhone, recording],
    queryFn: ({ signal }) =>
      call(endpoints.property.lookupCaller, { query: { phone: lookupPhone, ...recording }, signal }),
    // a change of category or room asks again; for the same phone the panel keeps what it shows meanwhile
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === lookupPhone ? previous : undefined,
    enabled: digits >= LOOKUP_MIN_DIGITS,
    staleTime: 30_000,
    retry: false,
  });
  // Without a phone (a letter, a walk-in who gives none) the room and category alone still find a repeat of a
  // case closed recently (INTAKE-12); once a phone is typed the caller lookup answers it, and this one's answer
  // stands in until then, so the hint does not blink.
  const repeatOnly = useQuery({
    queryKey: [CALLER_LOOKUP, '', recording],
    queryFn: ({ signal }) => call(endpoints.property.lookupCaller, { query: recording, signal }),
    enabled: digits < LOOKUP_MIN_DIGITS && Boolean(roomId && categoryId),
    staleTime: 30_000,
    retry: false,
  });

  useEffect(() => {
    // focus starts in the phone field (UI-3)
    wrapper.current?.querySelector<HTMLInputElement>('[data-testid="intake-phone"]')?.focus();
  }, []);

  // An open recurring problem (问题) the new case would join (PROBLEM-3): the agent can tell the resident it is already under
  // a cross-department review.
  const problemMatches = useQuery({
    queryKey: [endpoints.problems.match.path, roomId, categoryId],
    queryFn: ({ signal }) =>
      call(endpoints.problems.match, {
        query: { roomId: roomId!, ...(categoryId ? { categoryId } : {}) },
        signal,
      }),
    enabled: Boolean(roomId),
    staleTime: 60_000,
    retry: false,
  });

  // The room's cases of the same category closed recently (INTAKE-12): the agent may link the new case to one. The
  // link stands only while that case is still among them (a change of room or category drops it).
  const repeatsFrom = lookup.data ?? (roomId && categoryId ? repeatOnly.data : undefined);
  const recentlyClosed = useMemo(() => repeatsFrom?.recentlyClosed ?? [], [repeatsFrom]);
  const [linkedId, setLinkedId] = useState<string | undefined>();
  const relatedCaseId = recentlyClosed.some((rc) => rc.id === linkedId) ? linkedId : undefined;

  // openCases are the caller's own and those of the caller's rooms, each marked by the server's duplicate rule
  const duplicates = useMemo(
    () => (lookup.data?.openCases ?? []).filter((oc) => oc.likelyDuplicate),
    [lookup.data],
  );

  /** The field inside a [data-nav] block to focus: the checked radio of a group, else the first input. */
  const focusIn = (block: Element): boolean => {
    const el =
      block.querySelector<HTMLElement>('input[type=radio]:checked:not([disabled])') ??
      block.querySelector<HTMLElement>(
        'input:not([type=hidden]):not([type=file]):not([disabled]), textarea:not([disabled]), button:not([disabled])',
      );
    el?.focus();
    return Boolean(el);
  };
  /** Enter moves to the next field: the next [data-nav] block that is shown. */
  const focusNext = (from: Element | null) => {
    const root = wrapper.current;
    if (!root) return;
    const blocks = Array.from(root.querySelectorAll<HTMLElement>('[data-nav]')).filter(
      (b) => b.offsetParent !== null,
    );
    const current = from?.closest('[data-nav]');
    const start = current ? blocks.indexOf(current as HTMLElement) + 1 : 0;
    for (const block of blocks.slice(start)) if (focusIn(block)) return;
  };
  const focusTestId = (testId: string) => {
    const block = wrapper.current?.querySelector(`[data-testid="${testId}"]`)?.closest('[data-nav]');
    if (block) focusIn(block);
  };
  const advanceFrom = (testId: string) => () =>
    setTimeout(() => focusNext(wrapper.current?.querySelector(`[data-testid="${testId}"]`) ?? null), 0);

  // Ctrl+Enter (⌘+Enter) submits from anywhere on the page, even when focus left the form
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.isComposing) return;
      e.preventDefault();
      form.submit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Enter that ends a pinyin composition is the IME's; Ctrl+Enter is handled above
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey) return;
    if (e.defaultPrevented) return; // a select took it (open the list / pick an option)
    const target = e.target as HTMLElement;
    if (target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON' || target.tagName === 'A') return;
    e.preventDefault();
    focusNext(target);
  };

  const inFlight = useRef(false);
  const submit = async (v: IntakeValues) => {
    // a second Ctrl+Enter while the first is on its way; the Idempotency-Key would replay it anyway
    if (inFlight.current) return;
    inFlight.current = true;
    setSaving(true);
    setError(null);
    try {
      const c = await call(endpoints.cases.create, {
        body: toCreateBody({ ...v, relatedCaseId }),
        headers: { 'Idempotency-Key': idempotencyKey },
      });
      // the new case is in every case list and in the caller panel of the next call, now (not after staleTime)
      void queryClient.invalidateQueries({ queryKey: [CASES] });
      void queryClient.invalidateQueries({ queryKey: [CALLER_LOOKUP] });
      onCreated(c);
    } catch (e) {
      setError(applyServerError(form, e));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  const chooseRoom = (id: string, roomLabel: string, residentName?: string) => {
    setRoomKnown([{ value: id, label: roomLabel }]);
    form.setFieldValue('roomId', id);
    if (residentName && !form.getFieldValue(['reporter', 'name']))
      form.setFieldValue(['reporter', 'name'], residentName);
    // on to what is still missing: the kind, or the matter itself
    setTimeout(() => focusTestId(form.getFieldValue('kind') ? 'intake-description' : 'intake-kind'), 0);
  };

  const initialValues: Partial<IntakeValues> = {
    channel: 'phone',
    severity: 'general',
    reporter: { anonymous: false },
    firstResponderId: me.user.id,
    onTheSpot: false,
  };

  return {
    me,
    form,
    initialValues,
    wrapper,
    onKeyDown,
    submit,
    saving,
    error,
    watched: { channel, kind, severity, repairType, receivedAt, roomId, onTheSpot },
    categories,
    categoryTree,
    caller: { phone: lookupPhone, digits, lookup },
    problems: problemMatches.data?.items ?? [],
    duplicates,
    repeat: { recentlyClosed, relatedCaseId, link: setLinkedId },
    roomKnown,
    chooseRoom,
    advanceFrom,
    focusTestId,
  };
}

export type IntakeFormState = ReturnType<typeof useIntakeForm>;
