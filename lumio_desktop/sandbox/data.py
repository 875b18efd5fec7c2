"""Deterministic seed data with realistic mess, fast enough for 100k records per provider.

Names come from fixed pools (en_US and pt_BR) combined by a seeded random.Random: Faker is slow per call and its
output changes between releases, which would break determinism across machines.
"""

from __future__ import annotations

import functools
import random
import unicodedata
from dataclasses import dataclass

EPOCH_2025_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z: seed timestamps do not depend on the wall clock
DAY_MS = 86_400_000

FIRST_EN = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
            "Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra "
            "Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol "
            "Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura "
            "Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas Shirley Eric Anna Jonathan Brenda").split()
LAST_EN = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
           "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
           "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
           "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts O'Brien McDonald Van_der_Berg").split()
FIRST_BR = ("João José Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Daniel Marcelo "
            "Bruno Eduardo Felipe Raimundo Rodrigo Maria Ana Francisca Antônia Adriana Juliana Márcia Fernanda "
            "Patrícia Aline Sandra Camila Amanda Bruna Jéssica Letícia Júlia Luciana Vanessa Mariana Gabriela "
            "Conceição Lúcia Débora Inês Íris Thaís Vitória Caíque Otávio Sérgio Cláudio Fábio Vinícius").split()
LAST_BR = ("Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins "
           "Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira Nunes "
           "Marques Machado Mendes Freitas Cardoso Ramos Gonçalves Santana Teixeira Araújo Conceição Simões "
           "Magalhães Brandão Assunção da_Silva dos_Santos de_Souza Guimarães Falcão Leão Estêvão").split()
COMPANY_A = ("Acme Globex Initech Umbrella Stark Wayne Wonka Hooli Vandelay Soylent Tyrell Cyberdyne Aperture "
             "Massive Dynamic Oscorp Gringotts Monarch Pied Piper Nakatomi Virtucon Sterling Prestige Atlas "
             "Horizonte Paulista Carioca Mineira Gaúcha Aurora Boreal Cruzeiro Ipê Jacarandá Tucano Sabiá").split()
COMPANY_B = ("Systems Labs Industries Logistics Foods Analytics Software Consulting Partners Holdings Ventures "
             "Tecnologia Comércio Serviços Distribuidora Construtora Alimentos Transportes Engenharia").split()
SUFFIX_EN = ("Inc", "LLC", "Corp", "Co", "Ltd")
SUFFIX_BR = ("Ltda", "S.A.", "ME", "EIRELI")
DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "uol.com.br", "bol.com.br", "terra.com.br",
           "icloud.com", "proton.me", "example.com")
CITIES_EN = (("New York", "NY"), ("Austin", "TX"), ("Chicago", "IL"), ("Seattle", "WA"), ("Denver", "CO"),
             ("Boston", "MA"), ("Louisville", "KY"), ("Portland", "OR"))
CITIES_BR = (("São Paulo", "SP"), ("Rio de Janeiro", "RJ"), ("Belo Horizonte", "MG"), ("Porto Alegre", "RS"),
             ("Curitiba", "PR"), ("Recife", "PE"), ("Florianópolis", "SC"), ("Salvador", "BA"))
JOBS = ("CEO", "CTO", "Sales Manager", "Gerente de Vendas", "Analista", "Diretora Comercial", "Buyer",
        "Marketing Lead", "Engenheiro", "Office Manager", "")
PRODUCTS = ("Annual plan", "Renewal", "Upsell", "Pilot", "Implantação", "Licença anual", "Consulting",
            "Expansion", "Suporte premium")
INDUSTRIES = ("COMPUTER_SOFTWARE", "RETAIL", "FOOD_BEVERAGES", "LOGISTICS_AND_SUPPLY_CHAIN", "CONSTRUCTION",
              "FINANCIAL_SERVICES", "")
INVALID_EMAIL_FORMS = ("{u}@", "{u} at {d}", "{u}@@{d}", "{u}.{d}", "{u}@{d}.", "@{d}", "{u}@localhost",
                       "{u},{d}")


@functools.lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """ASCII-fold (João -> Joao) for email local parts and the 'different spelling' duplicates."""
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


@dataclass(slots=True)
class Person:
    first: str
    last: str
    email: str
    phone: str
    city: str
    state: str
    country: str
    locale: str
    job: str


def pick(r: float, seq):
    """seq[r * len]: one random() per choice, several times faster than Random.choice for 100k records."""
    return seq[int(r * len(seq))]


@functools.lru_cache(maxsize=4096)
def _local_part(first: str, last: str) -> str:
    return f"{fold(first)}.{fold(last)}".lower().replace(" ", "").replace("'", "")


def make_person(rng: random.Random, n: int) -> Person:
    # One 64-bit draw feeds most choices (mixed-radix digits): about 3x faster than a random() per choice.
    d = rng.getrandbits(64)
    br = d % 100 < 45
    d //= 100
    firsts, lasts = (FIRST_BR, LAST_BR) if br else (FIRST_EN, LAST_EN)
    first = firsts[d % len(firsts)]
    d //= len(firsts)
    last = lasts[d % len(lasts)].replace("_", " ")
    d //= len(lasts)
    if br and d % 10 < 3:
        last = f"{last} {LAST_BR[d // 10 % len(LAST_BR)].replace('_', ' ')}"
    d //= 10 * len(LAST_BR)
    domain = DOMAINS[d % len(DOMAINS)]
    d //= len(DOMAINS)
    user = f"{_local_part(first, last)}{n}"
    r = d % 1000
    d //= 1000
    if r < 20:  # about 2% invalid emails, as typed by people
        email = INVALID_EMAIL_FORMS[r % len(INVALID_EMAIL_FORMS)].format(u=user, d=domain)
    elif r < 30:
        email = ""
    else:
        email = f"{user}@{domain}"
    r = d % 10000
    d //= 10000
    if r < 300:
        first = ""
    if r % 100 < 1:
        last = ""
    cities = CITIES_BR if br else CITIES_EN
    city, state = cities[d % len(cities)]
    d //= len(cities)
    job = JOBS[d % len(JOBS)]
    d //= len(JOBS)
    if d % 10 == 0:
        phone = ""
    elif br:
        phone = f"+55 {11 + d // 10 % 89} 9{1000 + d // 890 % 9000}-{1000 + rng.getrandbits(20) % 9000}"
    else:
        phone = f"+1 {201 + d // 10 % 789} 555 {1000 + rng.getrandbits(20) % 9000:04d}"
    return Person(first, last, email, phone, city, state, "Brazil" if br else "United States",
                  "pt_BR" if br else "en_US", job)


def respell(p: Person, rng: random.Random) -> Person:
    """The same person as typed into another tool: same email, different spelling of the name."""
    forms = (
        lambda s: fold(s),
        lambda s: s.upper(),
        lambda s: s.lower(),
        lambda s: s + " ",
        lambda s: s.split(" ")[0] if " " in s else s,
    )
    first = rng.choice(forms)(p.first) if p.first else p.first
    last = rng.choice(forms)(p.last) if p.last else p.last
    email = p.email.upper() if p.email and rng.random() < 0.2 else p.email
    return Person(first.strip() if rng.random() < 0.5 else first, last, email, p.phone, p.city, p.state,
                  p.country, p.locale, p.job)


def company_name(rng: random.Random) -> tuple[str, str, bool]:
    rnd = rng.random
    br = rnd() < 0.45
    a = pick(rnd(), COMPANY_A)
    b = pick(rnd(), COMPANY_B)
    name = f"{a} {b} {pick(rnd(), SUFFIX_BR if br else SUFFIX_EN)}"
    domain = f"{fold(a).lower()}{fold(b).lower()}.{'com.br' if br else 'com'}"
    return name, domain, br


def timeline(rng: random.Random, count: int) -> list[tuple[int, int]]:
    """(created_ms, modified_ms) per record. About 6% of records come in bursts that share one modification time
    (a bulk import or a workflow touching many records), now and then a big one of 100-300."""
    out = []
    rnd = rng.random
    span = 300 * DAY_MS
    burst_left = 0
    burst_ts = 0
    for _ in range(count):
        created = EPOCH_2025_MS + int(rnd() * span)
        if burst_left > 0:
            burst_left -= 1
            out.append((min(created, burst_ts), burst_ts))
            continue
        modified = created + int(rnd() * 60 * DAY_MS)
        r = rnd()
        if r < 0.004:
            burst_left = rng.randint(3, 30)
        elif r < 0.0042:
            burst_left = rng.randint(100, 300)
        if burst_left:
            burst_ts = modified
        out.append((created, modified))
    return out


def seed_rng(seed: int, provider: str) -> random.Random:
    # Seeding with a str is stable across runs and platforms (hashed with sha512, not hash()).
    return random.Random(f"lumio-sandbox:{seed}:{provider}")
