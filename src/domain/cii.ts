// The EN 16931 electronic invoice of a document, in UN/CEFACT Cross Industry Invoice syntax (the XML
// of Factur-X, profile EN 16931), for business clients. Saved beside the PDF: the approved platform
// (PA) the entrepreneur chooses takes it as is. Amounts of a credit note (type 381) are positive, as
// the standard wants; the legal mentions go as notes.
import type { InvoiceModel } from './invoice';
import type { ComputedLine } from './vat';
import type { LocalDate } from './localDate';
import { sirenOf } from './einvoicing';

const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

/** UNTDID 4461 payment means: bank card, SEPA direct debit, credit transfer; else "not defined". */
const PAYMENT_MEANS: Record<string, string> = { card: '48', carte: '48', sepa_debit: '59', customer_balance: '30', virement: '30' };

function esc(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const amount = (cents: number): string => (Math.abs(cents) / 100).toFixed(2);
const day = (d: LocalDate): string => `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
const el = (name: string, content: string, attrs = ''): string => `<${name}${attrs}>${content}</${name}>`;
const text = (name: string, value: string, attrs = ''): string => (value ? el(name, esc(value), attrs) : '');
const date = (d: LocalDate, prefix = 'udt'): string => el(`${prefix}:DateTimeString`, day(d), ' format="102"');

function address(line: string): string {
  return el('ram:PostalTradeAddress', `${text('ram:LineOne', line)}${el('ram:CountryID', 'FR')}`);
}

function party(tag: string, p: { name: string; legalId: string; tradeName: string; address: string; email: string; vat: string }): string {
  const legal =
    p.legalId || p.tradeName
      ? el('ram:SpecifiedLegalOrganization', `${p.legalId ? text('ram:ID', p.legalId, ' schemeID="0002"') : ''}${text('ram:TradingBusinessName', p.tradeName)}`)
      : '';
  return el(
    tag,
    text('ram:Name', p.name) +
      legal +
      (p.address ? address(p.address) : '') +
      (p.email ? el('ram:URIUniversalCommunication', text('ram:URIID', p.email, ' schemeID="EM"')) : '') +
      (p.vat ? el('ram:SpecifiedTaxRegistration', text('ram:ID', p.vat.replace(/\s+/g, ''), ' schemeID="VA"')) : ''),
  );
}

/** The CII XML of an issued document (UTF-8). */
export function ciiXml(model: InvoiceModel): string {
  const franchise = model.vatMode === 'franchise';
  const category = franchise ? 'E' : 'S';
  const exemption = franchise ? (model.mentions[0] ?? '') : '';
  const notes = [...model.mentions, ...model.einvoicingMentions].map((m) => el('ram:IncludedNote', text('ram:Content', m))).join('');
  // A reduction's line is the line allowance (BG-27) of the line above it: quantity × price − allowance = line total.
  const discountOf = (i: number): ComputedLine | null => (model.lines[i + 1]?.isDiscount ? model.lines[i + 1] : null);
  const lines = model.lines
    .filter((l) => !l.isDiscount)
    .map((l) => {
      const i = model.lines.indexOf(l);
      const discount = discountOf(i);
      const allowance = discount
        ? el(
            'ram:SpecifiedTradeAllowanceCharge',
            el('ram:ChargeIndicator', el('udt:Indicator', 'false')) +
              el('ram:ActualAmount', amount(discount.totalHtCents)) +
              text('ram:Reason', discount.designation),
          )
        : '';
      const netHt = l.totalHtCents + (discount?.totalHtCents ?? 0);
      return { l, allowance, netHt };
    })
    .map(({ l, allowance, netHt }, i) => {
      // Net unit price = line total before reduction / quantity, so that quantity × price − allowance gives the line total exactly.
      const unit = (Math.abs(l.totalHtCents) / 100 / l.quantity).toFixed(4).replace(/0{1,2}$/, '');
      return el(
        'ram:IncludedSupplyChainTradeLineItem',
        el('ram:AssociatedDocumentLineDocument', el('ram:LineID', String(i + 1))) +
          el('ram:SpecifiedTradeProduct', text('ram:Name', l.designation)) +
          el('ram:SpecifiedLineTradeAgreement', el('ram:NetPriceProductTradePrice', el('ram:ChargeAmount', unit))) +
          el('ram:SpecifiedLineTradeDelivery', el('ram:BilledQuantity', String(l.quantity), ' unitCode="C62"')) +
          el(
            'ram:SpecifiedLineTradeSettlement',
            el(
              'ram:ApplicableTradeTax',
              `${el('ram:TypeCode', 'VAT')}${el('ram:CategoryCode', category)}${el('ram:RateApplicablePercent', String(l.vatRatePercent))}`,
            ) +
              allowance +
              el('ram:SpecifiedTradeSettlementLineMonetarySummation', el('ram:LineTotalAmount', amount(netHt))),
          ),
      );
    })
    .join('');
  const groups = franchise ? [{ vatRatePercent: 0, totalHtCents: model.totals.totalHtCents, totalVatCents: 0 }] : model.totals.byRate;
  const taxes = groups
    .map((g) =>
      el(
        'ram:ApplicableTradeTax',
        el('ram:CalculatedAmount', amount(g.totalVatCents)) +
          el('ram:TypeCode', 'VAT') +
          text('ram:ExemptionReason', exemption) +
          el('ram:BasisAmount', amount(g.totalHtCents)) +
          el('ram:CategoryCode', category) +
          (model.vatOnDebits ? el('ram:DueDateTypeCode', '5') : '') +
          el('ram:RateApplicablePercent', String(g.vatRatePercent)),
      ),
    )
    .join('');
  const { seller, client } = model;
  const sellerSiren = sirenOf(seller.siret);
  const paid = amount(model.totals.totalTtcCents);
  const settlement =
    el('ram:InvoiceCurrencyCode', 'EUR') +
    el('ram:SpecifiedTradeSettlementPaymentMeans', el('ram:TypeCode', PAYMENT_MEANS[model.payment.method.toLowerCase()] ?? '1')) +
    taxes +
    el(
      'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
      el('ram:LineTotalAmount', amount(model.totals.totalHtCents)) +
        el('ram:TaxBasisTotalAmount', amount(model.totals.totalHtCents)) +
        el('ram:TaxTotalAmount', amount(model.totals.totalVatCents), ' currencyID="EUR"') +
        el('ram:GrandTotalAmount', paid) +
        el('ram:TotalPrepaidAmount', paid) +
        el('ram:DuePayableAmount', '0.00'),
    ) +
    (model.citedInvoice
      ? el(
          'ram:InvoiceReferencedDocument',
          text('ram:IssuerAssignedID', model.citedInvoice) +
            (model.citedInvoiceDate ? el('ram:FormattedIssueDateTime', date(model.citedInvoiceDate, 'qdt')) : ''),
        )
      : '');
  const body =
    el('rsm:ExchangedDocumentContext', el('ram:GuidelineSpecifiedDocumentContextParameter', el('ram:ID', 'urn:cen.eu:en16931:2017'))) +
    el(
      'rsm:ExchangedDocument',
      text('ram:ID', model.number) + el('ram:TypeCode', model.kind === 'creditNote' ? '381' : '380') + el('ram:IssueDateTime', date(model.issueDate)) + notes,
    ) +
    el(
      'rsm:SupplyChainTradeTransaction',
      lines +
        el(
          'ram:ApplicableHeaderTradeAgreement',
          party('ram:SellerTradeParty', {
            name: seller.displayName,
            legalId: sellerSiren,
            tradeName: seller.tradeName,
            address: seller.address,
            email: seller.email,
            vat: seller.vatNumber,
          }) +
            party('ram:BuyerTradeParty', {
              name: client.company || client.name,
              legalId: sirenOf(client.taxId),
              tradeName: '',
              address: client.address,
              email: client.email,
              vat: /^[A-Z]{2}/.test(client.taxId) ? client.taxId : '',
            }),
        ) +
        el('ram:ApplicableHeaderTradeDelivery', el('ram:ActualDeliverySupplyChainEvent', el('ram:OccurrenceDateTime', date(model.saleDate)))) +
        el('ram:ApplicableHeaderTradeSettlement', settlement),
    );
  const xmlns = Object.entries(NS)
    .map(([p, uri]) => ` xmlns:${p}="${uri}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice${xmlns}>${body}</rsm:CrossIndustryInvoice>\n`;
}
