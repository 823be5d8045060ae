'use client';

import { FormGroup, FormHelperText, HelperText, HelperTextItem, TextArea } from '@patternfly/react-core';
import type { ReactNode } from 'react';

interface FunctionEditorProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What the function receives and should answer. */
  hint: ReactNode;
  placeholder?: string;
  rows?: number;
}

/** A JavaScript function in a monospace text area, with a hint about its input. Functions run on the server, in a sandbox. */
export function FunctionEditor({ id, label, value, onChange, hint, placeholder, rows = 5 }: FunctionEditorProps) {
  return (
    <FormGroup label={label} fieldId={id}>
      <TextArea
        id={id}
        value={value}
        onChange={(_event, text) => onChange(text)}
        rows={rows}
        resizeOrientation="vertical"
        placeholder={placeholder}
        className="pf-v6-u-font-family-monospace"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
      />
      <FormHelperText>
        <HelperText>
          <HelperTextItem>{hint}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
}
