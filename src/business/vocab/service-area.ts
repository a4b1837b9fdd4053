// The company serves one metro area (Dallas–Fort Worth), as a real HVAC contractor does: customer
// addresses, phone area codes, sales tax and the vehicles' GPS fixes all come from it.

export interface ServiceCity {
  readonly city: string;
  readonly zips: readonly string[];
  readonly lat: number;
  readonly lon: number;
  /** relative share of customers */
  readonly weight: number;
}

export const SERVICE_STATE = 'TX';

export const SERVICE_CITIES: readonly ServiceCity[] = [
  {
    city: 'Dallas',
    zips: ['75201', '75204', '75206', '75214', '75218', '75220', '75225', '75230', '75238', '75243', '75248', '75252'],
    lat: 32.7767,
    lon: -96.797,
    weight: 10,
  },
  {
    city: 'Fort Worth',
    zips: ['76102', '76107', '76109', '76116', '76123', '76132', '76137', '76179'],
    lat: 32.7555,
    lon: -97.3308,
    weight: 7,
  },
  { city: 'Arlington', zips: ['76001', '76006', '76010', '76013', '76016', '76017'], lat: 32.7357, lon: -97.1081, weight: 4 },
  { city: 'Plano', zips: ['75023', '75024', '75025', '75074', '75075', '75093'], lat: 33.0198, lon: -96.6989, weight: 4 },
  { city: 'Irving', zips: ['75038', '75039', '75060', '75061', '75062', '75063'], lat: 32.814, lon: -96.9489, weight: 3 },
  { city: 'Garland', zips: ['75040', '75041', '75042', '75043', '75044'], lat: 32.9126, lon: -96.6389, weight: 3 },
  { city: 'Frisco', zips: ['75033', '75034', '75035', '75036'], lat: 33.1507, lon: -96.8236, weight: 3 },
  { city: 'McKinney', zips: ['75069', '75070', '75071', '75072'], lat: 33.1972, lon: -96.6398, weight: 3 },
  { city: 'Grand Prairie', zips: ['75050', '75051', '75052', '75054'], lat: 32.7459, lon: -96.9978, weight: 2 },
  { city: 'Mesquite', zips: ['75149', '75150', '75181'], lat: 32.7668, lon: -96.5992, weight: 2 },
  { city: 'Denton', zips: ['76201', '76205', '76207', '76209', '76210'], lat: 33.2148, lon: -97.1331, weight: 2 },
  { city: 'Carrollton', zips: ['75006', '75007', '75010'], lat: 32.9756, lon: -96.8899, weight: 2 },
  { city: 'Richardson', zips: ['75080', '75081', '75082'], lat: 32.9483, lon: -96.7299, weight: 2 },
  { city: 'Lewisville', zips: ['75057', '75067', '75077'], lat: 33.0462, lon: -96.9942, weight: 2 },
  { city: 'Allen', zips: ['75002', '75013'], lat: 33.1032, lon: -96.6706, weight: 1 },
  { city: 'Flower Mound', zips: ['75022', '75028'], lat: 33.0146, lon: -97.097, weight: 1 },
  { city: 'Mansfield', zips: ['76063'], lat: 32.5632, lon: -97.1417, weight: 1 },
  { city: 'Keller', zips: ['76244', '76248'], lat: 32.9346, lon: -97.2517, weight: 1 },
];

export const CITY_WEIGHTS: readonly number[] = SERVICE_CITIES.map((c) => c.weight);

/** DFW area codes */
export const AREA_CODES = ['214', '469', '972', '817', '682', '940'] as const;

/** Texas state 6.25 % plus the 2 % local cap every DFW city levies, in ten-thousandths */
export const SALES_TAX_RATE_BP = 825;

/** The company's mail domain (technicians' work emails). */
export const COMPANY_DOMAIN = 'lonestarcomfort.com';
/** Headquarters and warehouse, where the pool vehicles park. */
export const COMPANY_HQ = { lat: 32.8998, lon: -96.8916 } as const;

/** Free mail providers for residential contacts, most common first. */
export const MAIL_DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'att.net',
  'sbcglobal.net',
] as const;
export const MAIL_DOMAIN_WEIGHTS: readonly number[] = [40, 14, 12, 8, 10, 3, 6, 7];
