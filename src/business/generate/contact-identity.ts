// People and addresses via seeded faker (en_US, pinned version): each entity reseeds faker from
// its own (seed, table, index) hash, so a row's person never depends on the rows before it.
// Emails carry the entity's number and a shape per source (customer `first.last`, lead
// `first_last`, sign-up `firstlast`), so they are unique by construction across the mailing list.
import { base, en, en_US, Faker, type Randomizer } from '@faker-js/faker';
import { mix, uniform } from '../../random/rng.js';
import { AREA_CODES, CITY_WEIGHTS, MAIL_DOMAIN_WEIGHTS, MAIL_DOMAINS, SERVICE_CITIES } from '../vocab/service-area.js';
import { rowRandom, type RowRandom } from './row-random.js';

/**
 * faker draws from the row's own hash stream. Reseeding it is free, where faker's
 * Mersenne Twister spends ~50 µs per seed() (most of a customer row's cost at scale).
 */
function hashRandomizer(): Randomizer {
  let key = 0;
  let counter = 0;
  // faker calls these detached from the object, so they close over the state
  return {
    next: () => uniform(0x6661_6b72, key, counter++),
    seed: (seed) => {
      key = Array.isArray(seed) ? seed.reduce((h, s) => mix(h, s), 0) : seed | 0;
      counter = 0;
    },
  };
}

const faker = new Faker({ locale: [en_US, en, base], randomizer: hashRandomizer() });

export interface Contact {
  readonly first: string;
  readonly last: string;
  readonly company: string | null;
  readonly email: string;
  readonly phone: string;
}

export interface Address {
  readonly street: string;
  readonly city: string;
  readonly zip: string;
  readonly lat: number;
  readonly lon: number;
}

export type EmailShape = '.' | '_' | '';

/** A person (and company, for commercial contacts) with an email of the given shape numbered `number`. */
export function contactAt(seed: number, stream: string, index: number, commercial: boolean, shape: EmailShape): Contact {
  const r = rowRandom(seed, stream, index);
  faker.seed(r.fakerSeed());
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const company = commercial ? faker.company.name() : null;
  const domain = company ? `${letters(company).slice(0, 24)}.com` : MAIL_DOMAINS[r.weighted(MAIL_DOMAIN_WEIGHTS)];
  return { first, last, company, email: `${letters(first)}${shape}${letters(last)}${index + 1}@${domain}`, phone: phoneNumber(r) };
}

/** A street address in the service area. */
export function addressAt(seed: number, stream: string, index: number, commercial: boolean): Address {
  const r = rowRandom(seed, stream, index);
  faker.seed(r.fakerSeed());
  const city = SERVICE_CITIES[r.weighted(CITY_WEIGHTS)];
  const street =
    faker.location.streetAddress() +
    (commercial && r.chance(0.5) ? ` ${faker.location.secondaryAddress().replace(/^Apt\./, 'Suite')}` : '');
  return { street, city: city.city, zip: r.pick(city.zips), lat: city.lat, lon: city.lon };
}

/** `(214) 384-0192`: a DFW area code, an exchange that is never the fictional 555 */
function phoneNumber(r: RowRandom): string {
  const exchange = r.int(201, 998);
  return `(${r.pick(AREA_CODES)}) ${exchange === 555 ? 556 : exchange}-${String(r.int(0, 9999)).padStart(4, '0')}`;
}

/** lower-case ASCII letters only (O'Brien → obrien), so the number in an email is unambiguous */
export function letters(text: string): string {
  return text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}
