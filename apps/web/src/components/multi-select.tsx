'use client';

import { Badge, MenuToggle, Select, SelectList, SelectOption, type MenuToggleElement } from '@patternfly/react-core';
import { useState, type Ref } from 'react';

export interface MultiSelectOption {
  value: string;
  label: string;
  description?: string;
}

interface MultiSelectProps {
  id: string;
  /** Names the toggle for assistive technology, e.g. "Fingerprint labels". */
  ariaLabel: string;
  options: readonly MultiSelectOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  placeholder: string;
  /** Inside a modal: the menu opens in place, within the modal's focus trap, instead of at the end of the page. */
  isInline?: boolean;
}

/** A PatternFly select with checkboxes: pick any number of options; the toggle counts them. */
export function MultiSelect({ id, ariaLabel, options, selected, onChange, placeholder, isInline = false }: MultiSelectProps) {
  const [isOpen, setIsOpen] = useState(false);
  const toggle = (value: string) => onChange(selected.includes(value) ? selected.filter((v) => v !== value) : [...selected, value]);
  const labelOf = (value: string) => options.find((o) => o.value === value)?.label ?? value;
  const summary = selected.length === 0 ? placeholder : selected.map(labelOf).join(', ');

  return (
    <Select
      id={id}
      role="menu"
      isOpen={isOpen}
      selected={selected}
      onSelect={(_event, value) => toggle(String(value))}
      onOpenChange={setIsOpen}
      popperProps={isInline ? { appendTo: 'inline' } : undefined}
      toggle={(ref: Ref<MenuToggleElement>) => (
        <MenuToggle
          ref={ref}
          onClick={() => setIsOpen(!isOpen)}
          isExpanded={isOpen}
          aria-label={`${ariaLabel}: ${summary}`}
          badge={selected.length > 0 ? <Badge isRead>{selected.length}</Badge> : undefined}
          isFullWidth
        >
          {summary}
        </MenuToggle>
      )}
    >
      <SelectList aria-label={ariaLabel}>
        {options.length === 0 ? (
          <SelectOption isDisabled value="">
            Nothing to choose from yet
          </SelectOption>
        ) : (
          options.map((option) => (
            <SelectOption key={option.value} value={option.value} hasCheckbox isSelected={selected.includes(option.value)} description={option.description}>
              {option.label}
            </SelectOption>
          ))
        )}
      </SelectList>
    </Select>
  );
}
