import type { FieldMetadata } from "@conform-to/react";
import { getInputProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { parseMsg } from "~/utils/result";

/** Translates an error carried as `key` or `key|{params}`. */
export function useErrorText() {
  const { t } = useTranslation();
  return (text: string) => {
    const { key, params } = parseMsg(text);
    return String(t(key as never, params as never));
  };
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const text = useErrorText();
  if (!errors || errors.length === 0) return null;
  return (
    <div id={id}>
      {errors.map((e) => (
        <p key={e} className="field-error">
          {text(e)}
        </p>
      ))}
    </div>
  );
}

/** A labelled input with its hint and its errors next to it, wired for screen readers. */
export function TextField<S>({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- conform's own signature for any form
  meta: FieldMetadata<S, any, string[]>;
  label: string;
  type?: "text" | "email" | "password" | "tel" | "date" | "datetime-local" | "number" | "search";
  hint?: string;
  autoComplete?: string;
  children?: ReactNode;
}) {
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const props = getInputProps(meta, { type, ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} />
      <ErrorList id={meta.errorId} errors={meta.errors} />
      {children}
    </div>
  );
}

/** Form-level errors (not tied to one field), announced to screen readers. */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const text = useErrorText();
  if (!errors || errors.length === 0) return null;
  return (
    <div id={id} className="alert" role="alert">
      {errors.map((e) => (
        <p key={e}>{text(e)}</p>
      ))}
    </div>
  );
}
