// DataValidation(Builder), Protection and User: accepted, recorded, and — for a rule that rejects
// invalid input — enforced on writes, with Sheets' message.
// developers.google.com/apps-script/reference/spreadsheet/data-validation-builder, …/protection
import { conforms } from '../conformance';
import { isDate } from '../runtime';
import type { GridRect } from './a1';
import { cellA1 } from './a1';
import type { Stored, ValidationRule } from './cells';
import { DataValidationCriteria, ProtectionType, enumName } from './enums';
import { gasError } from './errors';
import type { SpreadsheetHost } from './host';
import type { ProtectionData, SheetModel } from './model';

const RULE = Symbol('validation rule');

export class FakeDataValidation {
  readonly [RULE]: ValidationRule;
  constructor(
    private readonly host: SpreadsheetHost,
    rule: ValidationRule,
  ) {
    this[RULE] = rule;
  }
  copy(): FakeDataValidationBuilder {
    this.host.call('DataValidation.copy');
    return new FakeDataValidationBuilder(this.host, { ...this[RULE], args: [...this[RULE].args] });
  }
  getAllowInvalid(): boolean {
    this.host.call('DataValidation.getAllowInvalid');
    return this[RULE].allowInvalid;
  }
  getCriteriaType(): unknown {
    this.host.call('DataValidation.getCriteriaType');
    return DataValidationCriteria[this[RULE].criteria];
  }
  getCriteriaValues(): unknown[] {
    this.host.call('DataValidation.getCriteriaValues');
    return [...this[RULE].args];
  }
  getHelpText(): string {
    this.host.call('DataValidation.getHelpText');
    return this[RULE].helpText ?? '';
  }
}

/** The stored rule of a DataValidation the script passes back, or null for null. */
export function ruleOf(value: unknown, method: string): ValidationRule | null {
  if (value === null || value === undefined) return null;
  if (value instanceof FakeDataValidation) return value[RULE];
  throw gasError(`The parameters (Object) don't match the method signature for ${method}.`);
}

export function validationFor(host: SpreadsheetHost, rule: ValidationRule | undefined): FakeDataValidation | null {
  return rule ? new FakeDataValidation(host, rule) : null;
}

export class FakeDataValidationBuilder {
  private rule: ValidationRule;
  constructor(
    private readonly host: SpreadsheetHost,
    rule?: ValidationRule,
  ) {
    // "The default for a new data validation rule is true" (setAllowInvalid): invalid input only warns.
    this.rule = rule ?? { criteria: '', args: [], allowInvalid: true, helpText: null };
  }
  private set(method: string, criteria: string, args: unknown[]): FakeDataValidationBuilder {
    this.host.call(`DataValidationBuilder.${method}`);
    this.rule = { ...this.rule, criteria, args };
    return this;
  }
  build(): FakeDataValidation {
    this.host.call('DataValidationBuilder.build');
    if (!this.rule.criteria) throw gasError('You must specify a criteria type.');
    return new FakeDataValidation(this.host, { ...this.rule, args: [...this.rule.args] });
  }
  copy(): FakeDataValidationBuilder {
    this.host.call('DataValidationBuilder.copy');
    return new FakeDataValidationBuilder(this.host, { ...this.rule, args: [...this.rule.args] });
  }
  getAllowInvalid(): boolean {
    this.host.call('DataValidationBuilder.getAllowInvalid');
    return this.rule.allowInvalid;
  }
  getCriteriaType(): unknown {
    this.host.call('DataValidationBuilder.getCriteriaType');
    return this.rule.criteria ? DataValidationCriteria[this.rule.criteria] : null;
  }
  getCriteriaValues(): unknown[] {
    this.host.call('DataValidationBuilder.getCriteriaValues');
    return [...this.rule.args];
  }
  getHelpText(): string | null {
    this.host.call('DataValidationBuilder.getHelpText');
    return this.rule.helpText;
  }
  setAllowInvalid(allowInvalidData: boolean): FakeDataValidationBuilder {
    this.host.call('DataValidationBuilder.setAllowInvalid');
    this.rule = { ...this.rule, allowInvalid: !!allowInvalidData };
    return this;
  }
  setHelpText(helpText: string): FakeDataValidationBuilder {
    this.host.call('DataValidationBuilder.setHelpText');
    this.rule = { ...this.rule, helpText: String(helpText) };
    return this;
  }
  withCriteria(criteria: unknown, args: unknown[]): FakeDataValidationBuilder {
    return this.set('withCriteria', enumName(criteria), [...args]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): FakeDataValidationBuilder {
    const args = checkedValue === undefined ? [] : uncheckedValue === undefined ? [checkedValue] : [checkedValue, uncheckedValue];
    return this.set('requireCheckbox', 'CHECKBOX', args);
  }
  requireValueInList(values: string[], showDropdown = true): FakeDataValidationBuilder {
    return this.set('requireValueInList', 'VALUE_IN_LIST', [[...values], showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown = true): FakeDataValidationBuilder {
    return this.set('requireValueInRange', 'VALUE_IN_RANGE', [range, showDropdown]);
  }
  requireNumberBetween(start: number, end: number): FakeDataValidationBuilder {
    return this.set('requireNumberBetween', 'NUMBER_BETWEEN', [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): FakeDataValidationBuilder {
    return this.set('requireNumberNotBetween', 'NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(number: number): FakeDataValidationBuilder {
    return this.set('requireNumberEqualTo', 'NUMBER_EQUAL_TO', [number]);
  }
  requireNumberNotEqualTo(number: number): FakeDataValidationBuilder {
    return this.set('requireNumberNotEqualTo', 'NUMBER_NOT_EQUAL_TO', [number]);
  }
  requireNumberGreaterThan(number: number): FakeDataValidationBuilder {
    return this.set('requireNumberGreaterThan', 'NUMBER_GREATER_THAN', [number]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): FakeDataValidationBuilder {
    return this.set('requireNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', [number]);
  }
  requireNumberLessThan(number: number): FakeDataValidationBuilder {
    return this.set('requireNumberLessThan', 'NUMBER_LESS_THAN', [number]);
  }
  requireNumberLessThanOrEqualTo(number: number): FakeDataValidationBuilder {
    return this.set('requireNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', [number]);
  }
  requireTextContains(text: string): FakeDataValidationBuilder {
    return this.set('requireTextContains', 'TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): FakeDataValidationBuilder {
    return this.set('requireTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): FakeDataValidationBuilder {
    return this.set('requireTextEqualTo', 'TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): FakeDataValidationBuilder {
    return this.set('requireTextIsEmail', 'TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): FakeDataValidationBuilder {
    return this.set('requireTextIsUrl', 'TEXT_IS_VALID_URL', []);
  }
  requireDate(): FakeDataValidationBuilder {
    return this.set('requireDate', 'DATE_IS_VALID_DATE', []);
  }
  requireFormulaSatisfied(formula: string): FakeDataValidationBuilder {
    return this.set('requireFormulaSatisfied', 'CUSTOM_FORMULA', [formula]);
  }
}

conforms<
  GoogleAppsScript.Spreadsheet.DataValidationBuilder,
  FakeDataValidationBuilder,
  | 'build'
  | 'copy'
  | 'getAllowInvalid'
  | 'getCriteriaType'
  | 'getCriteriaValues'
  | 'getHelpText'
  | 'setAllowInvalid'
  | 'setHelpText'
  | 'withCriteria'
  | 'requireCheckbox'
  | 'requireValueInList'
  | 'requireValueInRange'
  | 'requireNumberBetween'
  | 'requireNumberNotBetween'
  | 'requireNumberEqualTo'
  | 'requireNumberNotEqualTo'
  | 'requireNumberGreaterThan'
  | 'requireNumberGreaterThanOrEqualTo'
  | 'requireNumberLessThan'
  | 'requireNumberLessThanOrEqualTo'
  | 'requireTextContains'
  | 'requireTextDoesNotContain'
  | 'requireTextEqualTo'
  | 'requireTextIsEmail'
  | 'requireTextIsUrl'
  | 'requireDate'
  | 'requireFormulaSatisfied'
>(true);
conforms<GoogleAppsScript.Spreadsheet.DataValidation, FakeDataValidation, 'copy' | 'getAllowInvalid' | 'getCriteriaType' | 'getCriteriaValues' | 'getHelpText'>(
  true,
);

/** Values a list-from-range rule accepts, read when the write happens. */
export type RangeValuesReader = (range: unknown) => Stored[] | null;

/** Whether a strict rule refuses `value`; blanks are always accepted. Rules Sheets evaluates with formulas are not checked. */
export function rejects(rule: ValidationRule | undefined, value: Stored, readRange: RangeValuesReader): boolean {
  if (!rule || rule.allowInvalid || value === '') return false;
  const text = isDate(value) ? '' : String(value);
  const num = typeof value === 'number' ? value : NaN;
  const [a, b] = rule.args as [unknown, unknown];
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return !(a as unknown[]).map(String).includes(text);
    case 'VALUE_IN_RANGE': {
      const allowed = readRange(a);
      return allowed !== null && !allowed.map((x) => (isDate(x) ? '' : String(x))).includes(text);
    }
    case 'CHECKBOX': {
      if (rule.args.length === 0) return typeof value !== 'boolean';
      return !rule.args.map(String).includes(String(value));
    }
    case 'NUMBER_BETWEEN':
      return !(num >= Number(a) && num <= Number(b));
    case 'NUMBER_NOT_BETWEEN':
      return Number.isNaN(num) || (num >= Number(a) && num <= Number(b));
    case 'NUMBER_EQUAL_TO':
      return num !== Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return Number.isNaN(num) || num === Number(a);
    case 'NUMBER_GREATER_THAN':
      return !(num > Number(a));
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return !(num >= Number(a));
    case 'NUMBER_LESS_THAN':
      return !(num < Number(a));
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return !(num <= Number(a));
    case 'TEXT_CONTAINS':
      return !text.includes(String(a));
    case 'TEXT_DOES_NOT_CONTAIN':
      return text.includes(String(a));
    case 'TEXT_EQUAL_TO':
      return text !== String(a);
    case 'TEXT_IS_VALID_EMAIL':
      return !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
    case 'DATE_IS_VALID_DATE':
      return !isDate(value);
    default:
      return false;
  }
}

export function validationError(row: number, column: number): Error {
  return gasError(`The data you entered in cell ${cellA1(row, column)} violates the data validation rules set on this cell.`);
}

export class FakeUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
  getUserLoginId(): string {
    return this.email;
  }
}

export class FakeProtection {
  constructor(
    private readonly host: SpreadsheetHost,
    private readonly sheet: SheetModel,
    private readonly data: ProtectionData,
    private readonly rangeOf: (rect: GridRect | null) => unknown,
  ) {}
  private call(method: string): void {
    this.host.call(`Protection.${method}`);
  }
  addEditor(emailAddress: unknown): FakeProtection {
    this.call('addEditor');
    this.data.editors.push(emailOf(emailAddress));
    return this;
  }
  addEditors(emailAddresses: string[]): FakeProtection {
    this.call('addEditors');
    this.data.editors.push(...emailAddresses.map(String));
    return this;
  }
  removeEditor(emailAddress: unknown): FakeProtection {
    this.call('removeEditor');
    this.removeAll([emailAddress]);
    return this;
  }
  removeEditors(emailAddresses: unknown[]): FakeProtection {
    this.call('removeEditors');
    this.removeAll(emailAddresses);
    return this;
  }
  private removeAll(users: unknown[]): void {
    // The owner always keeps edit rights.
    const gone = new Set(users.map(emailOf).filter((e) => e !== this.host.rt.ownerEmail));
    this.data.editors = this.data.editors.filter((e) => !gone.has(e));
  }
  getEditors(): FakeUser[] {
    this.call('getEditors');
    return this.data.editors.map((e) => new FakeUser(e));
  }
  canEdit(): boolean {
    this.call('canEdit');
    const identity = this.host.rt.identity;
    return identity.kind === 'owner' || (identity.kind === 'user' && this.data.editors.includes(identity.email));
  }
  canDomainEdit(): boolean {
    this.call('canDomainEdit');
    return this.data.domainEdit;
  }
  setDomainEdit(editable: boolean): FakeProtection {
    this.call('setDomainEdit');
    this.data.domainEdit = !!editable;
    return this;
  }
  getDescription(): string {
    this.call('getDescription');
    return this.data.description;
  }
  setDescription(description: string): FakeProtection {
    this.call('setDescription');
    this.data.description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    this.call('isWarningOnly');
    return this.data.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): FakeProtection {
    this.call('setWarningOnly');
    this.data.warningOnly = !!warningOnly;
    return this;
  }
  getProtectionType(): unknown {
    this.call('getProtectionType');
    return ProtectionType[this.data.kind];
  }
  getRange(): unknown {
    this.call('getRange');
    return this.rangeOf(this.data.rect);
  }
  getRangeName(): string | null {
    this.call('getRangeName');
    return null;
  }
  getUnprotectedRanges(): unknown[] {
    this.call('getUnprotectedRanges');
    return this.data.unprotected.map((r) => this.rangeOf(r));
  }
  setUnprotectedRanges(ranges: unknown[]): FakeProtection {
    this.call('setUnprotectedRanges');
    this.data.unprotected = ranges.map((r) => (r as { rect: GridRect }).rect).filter(Boolean);
    return this;
  }
  remove(): void {
    this.call('remove');
    this.sheet.protections = this.sheet.protections.filter((p) => p !== this.data);
  }
}

function emailOf(user: unknown): string {
  if (user && typeof user === 'object' && typeof (user as { getEmail?: unknown }).getEmail === 'function') {
    return String((user as { getEmail(): string }).getEmail());
  }
  return String(user);
}

conforms<
  GoogleAppsScript.Spreadsheet.Protection,
  FakeProtection,
  | 'addEditor'
  | 'addEditors'
  | 'removeEditor'
  | 'removeEditors'
  | 'getEditors'
  | 'canEdit'
  | 'canDomainEdit'
  | 'setDomainEdit'
  | 'getDescription'
  | 'setDescription'
  | 'isWarningOnly'
  | 'setWarningOnly'
  | 'getProtectionType'
  | 'getRange'
  | 'getRangeName'
  | 'getUnprotectedRanges'
  | 'setUnprotectedRanges'
  | 'remove'
>(true);
