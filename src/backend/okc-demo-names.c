/* okc-demo-names.c — the words the demo data is made of: names, places, models
 *
 * Copyright 2026 OK2Charge
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "okc-backend"

#include "okc-demo-names.h"

#define COUNT(array) const guint okc_demo_n_##array = G_N_ELEMENTS (okc_demo_##array)

const char * const okc_demo_first_names[] = {
  "Maya", "Ravi", "Olivia", "Liam", "Sofia", "Noah", "Emma", "Mateo", "Ava", "Ethan",
  "Isabella", "Lucas", "Mia", "Elijah", "Amara", "James", "Chloe", "Daniel", "Zoe", "Henry",
  "Grace", "Samuel", "Hana", "Diego", "Leah", "Omar", "Nora", "Caleb", "Aisha", "Owen",
  "Priya", "Marcus", "Elena", "Julian", "Fatima", "Theo", "Lucia", "Wyatt", "Naomi", "Andre",
  "Keiko", "Gabriel", "Ingrid", "Tariq", "Rosa", "Connor", "Mei", "Xavier", "Lena", "Malik",
  "Camila", "Benjamin", "Yara", "Adrian", "Hazel", "Jamal", "Clara", "Felix", "Nadia", "Hugo",
};
COUNT (first_names);

const char * const okc_demo_last_names[] = {
  "Chen", "Patel", "Johnson", "Garcia", "Nguyen", "Smith", "Kim", "Martinez", "Brown",
  "Okafor", "Williams", "Rodriguez", "Lee", "Hernandez", "Davis", "Lopez", "Wilson", "Singh",
  "Anderson", "Thomas", "Moore", "Jackson", "Martin", "Thompson", "White", "Harris", "Clark",
  "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
  "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
  "Mitchell", "Carter", "Roberts", "Tanaka", "Kowalski", "Haddad", "Larsen", "O'Brien",
  "Fischer", "Costa", "Mensah", "Novak", "Ibrahim", "Sato", "Dubois",
};
COUNT (last_names);

const char * const okc_demo_street_names[] = {
  "Shore", "Pine", "Maple", "Oak", "Cedar", "Lake", "Hill", "Park", "Main", "Elm", "Harbor",
  "River", "Sunset", "Meadow", "Willow", "Summit", "Ridge", "Bay", "Forest", "Spring",
  "Mill", "Orchard", "Granite", "Canyon", "Aspen", "Juniper", "Birch", "Valley", "Church",
  "Highland",
};
COUNT (street_names);

const char * const okc_demo_street_kinds[] = {
  "St", "Ave", "Rd", "Dr", "Ln", "Way", "Blvd", "Ct", "Pl", "Trail",
};
COUNT (street_kinds);

/* Places where people rent a stay or live with an EV charger, with their real time
 * zones; ZIP codes are the cities' own range. */
const OkcDemoCity okc_demo_cities[] = {
  { "Burlington", "VT", 5401, "America/New_York", "802" },
  { "Asheville", "NC", 28801, "America/New_York", "828" },
  { "Austin", "TX", 78701, "America/Chicago", "512" },
  { "Denver", "CO", 80202, "America/Denver", "303" },
  { "Boise", "ID", 83702, "America/Boise", "208" },
  { "Phoenix", "AZ", 85004, "America/Phoenix", "602" },
  { "Portland", "OR", 97201, "America/Los_Angeles", "503" },
  { "Seattle", "WA", 98101, "America/Los_Angeles", "206" },
  { "San Diego", "CA", 92101, "America/Los_Angeles", "619" },
  { "Savannah", "GA", 31401, "America/New_York", "912" },
  { "Charleston", "SC", 29401, "America/New_York", "843" },
  { "Nashville", "TN", 37201, "America/Chicago", "615" },
  { "Santa Fe", "NM", 87501, "America/Denver", "505" },
  { "Park City", "UT", 84060, "America/Denver", "435" },
  { "South Lake Tahoe", "CA", 96150, "America/Los_Angeles", "530" },
  { "Bar Harbor", "ME", 4609, "America/New_York", "207" },
  { "Key West", "FL", 33040, "America/New_York", "305" },
  { "Sedona", "AZ", 86336, "America/Phoenix", "928" },
  { "Bend", "OR", 97701, "America/Los_Angeles", "541" },
  { "Traverse City", "MI", 49684, "America/Detroit", "231" },
  { "Madison", "WI", 53703, "America/Chicago", "608" },
  { "Duluth", "MN", 55802, "America/Chicago", "218" },
  { "Galveston", "TX", 77550, "America/Chicago", "409" },
  { "Gatlinburg", "TN", 37738, "America/New_York", "865" },
  { "Nags Head", "NC", 27959, "America/New_York", "252" },
  { "Honolulu", "HI", 96813, "Pacific/Honolulu", "808" },
  { "Anchorage", "AK", 99501, "America/Anchorage", "907" },
  { "Napa", "CA", 94558, "America/Los_Angeles", "707" },
  { "Palm Springs", "CA", 92262, "America/Los_Angeles", "760" },
  { "Myrtle Beach", "SC", 29577, "America/New_York", "843" },
};
COUNT (cities);

const char * const okc_demo_place_words[] = {
  "Lakeview", "Pine Street", "Harbor", "Cedar Ridge", "Maple", "Riverside", "Summit",
  "Willow Creek", "Bayfront", "Aspen", "Oak Hollow", "Seaside", "Granite Peak", "Sunset",
  "Meadowbrook", "Copper Canyon", "Juniper", "Magnolia", "Stonegate", "Bluebird",
  "Driftwood", "Highland", "Foxglove", "Red Rock", "Evergreen", "Lighthouse", "Prairie Wind",
  "Silver Lake", "Hillcrest", "Orchard",
};
COUNT (place_words);

const char * const okc_demo_rental_kinds[] = {
  "Lofts", "Suites", "Cabins", "Cottages", "Retreat", "Lodge", "Bungalows", "Villas", "Inn",
  "Beach House",
};
COUNT (rental_kinds);

const char * const okc_demo_residence_kinds[] = {
  "Apartments", "Residences", "Condominiums", "Townhomes", "Commons", "Terrace", "Place",
  "Court",
};
COUNT (residence_kinds);

const OkcDemoModel okc_demo_models[] = {
  { "H48", "OK2Charge Home 48A", 115 },
  { "D40", "OK2Charge Duo 2x40A", 96 },
  { "P80", "OK2Charge Pro 80A", 192 },
  { "F32", "OK2Charge Flex 32A", 77 },
};
COUNT (models);

const char * const okc_demo_firmwares[] = {
  "3.2.1", "3.4.0", "3.4.2", "4.0.1", "4.1.0",
};
COUNT (firmwares);

/* Reserved example domains only: the demo data never names a real mailbox. */
const char * const okc_demo_email_domains[] = {
  "example.com", "example.net", "example.org", "mail.example", "inbox.example",
};
COUNT (email_domains);
