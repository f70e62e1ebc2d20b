// Apps Script enums are objects, not numbers: `String(SpreadsheetApp.ProtectionType.SHEET) === 'SHEET'`,
// and each value has name() and ordinal(). Values compare by identity (`button == ui.Button.OK`).

export class EnumValue {
  constructor(
    private readonly key: string,
    private readonly index: number,
  ) {}
  name(): string {
    return this.key;
  }
  ordinal(): number {
    return this.index;
  }
  toString(): string {
    return this.key;
  }
  toJSON(): string {
    return this.key;
  }
}

export type EnumObject = Readonly<Record<string, EnumValue>>;

export function makeEnum(keys: readonly string[]): EnumObject {
  const values: Record<string, EnumValue> = {};
  keys.forEach((key, i) => {
    values[key] = new EnumValue(key, i);
  });
  return Object.freeze(values);
}

/** The name of an enum argument, whether the script passed our enum value or its name as a string. */
export function enumName(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

export const Button = makeEnum(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSet = makeEnum(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
export const ProtectionType = makeEnum(['RANGE', 'SHEET']);
export const BorderStyle = makeEnum(['DOTTED', 'DASHED', 'SOLID', 'SOLID_MEDIUM', 'SOLID_THICK', 'DOUBLE']);
export const Dimension = makeEnum(['COLUMNS', 'ROWS']);
export const Direction = makeEnum(['UP', 'DOWN', 'PREVIOUS', 'NEXT']);
export const WrapStrategy = makeEnum(['WRAP', 'OVERFLOW', 'CLIP']);
export const SheetType = makeEnum(['GRID', 'OBJECT', 'DATASOURCE']);
export const TextDirection = makeEnum(['LEFT_TO_RIGHT', 'RIGHT_TO_LEFT']);
export const CopyPasteType = makeEnum([
  'PASTE_NORMAL',
  'PASTE_NO_BORDERS',
  'PASTE_FORMAT',
  'PASTE_FORMULA',
  'PASTE_DATA_VALIDATION',
  'PASTE_VALUES',
  'PASTE_CONDITIONAL_FORMATTING',
  'PASTE_COLUMN_WIDTHS',
]);
export const DataValidationCriteria = makeEnum([
  'DATE_AFTER',
  'DATE_BEFORE',
  'DATE_BETWEEN',
  'DATE_EQUAL_TO',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'NUMBER_BETWEEN',
  'NUMBER_EQUAL_TO',
  'NUMBER_GREATER_THAN',
  'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN',
  'NUMBER_LESS_THAN_OR_EQUAL_TO',
  'NUMBER_NOT_BETWEEN',
  'NUMBER_NOT_EQUAL_TO',
  'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN',
  'TEXT_EQUAL_TO',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CUSTOM_FORMULA',
  'CHECKBOX',
]);
