"""Writes tool-calls.jsonl: course-written training and held-out conversations for lesson 11.

Every sentence pattern below was written for the course. The patterns are filled with the shop's
products, ids, quantities and dates (seeded, so the file is reproducible: python3 make_examples.py),
and every request that comes near a request of ../tools/requests.csv (the test set of lessons 07
and 11) is dropped; tests/test_finetune_data.py checks that again, independently.
"""
import csv
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
rng = random.Random(2026)

products = list(csv.DictReader(open(HERE.parent / "catalogue" / "products.csv", encoding="utf-8")))
stock = {r["product_id"]: int(r["units"]) for r in csv.DictReader(open(HERE.parent / "tools" / "stock.csv", encoding="utf-8"))}
test_requests = [r["request"] for r in csv.DictReader(open(HERE.parent / "tools" / "requests.csv", encoding="utf-8"))]


def norm(text):
    words = re.findall(r"[a-z0-9%.-]+", text.lower())
    return [("#" if any(c.isdigit() for c in w) else w.strip(".")) for w in words]


TEST = [norm(t) for t in test_requests]


def near_test(text):
    n = norm(text)
    for t in TEST:
        if n == t:
            return True
        a, b = set(n), set(t)
        if len(a & b) / len(a | b) >= 0.8:
            return True
    return False


def call(name, **args):
    return {"name": name, "arguments": args}


words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a pair of": 2, "half a dozen": 6}
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ordinal = {1: "1st", 2: "2nd", 3: "3rd", 21: "21st", 22: "22nd", 23: "23rd", 31: "31st"}

examples = []


def add(kind, request, calls=None, reply=None, history=None):
    if near_test(request):
        return
    examples.append({"kind": kind, "request": request, "calls": calls or [], "reply": reply, "history": history or []})


# search_products: a product word, a category or a brand name
search_words = ["lamp", "fan", "heater", "kettle", "coffee", "toaster", "speaker", "headphones", "earbuds", "bottle",
                "tent", "reader", "light", "calculator", "lighting", "audio", "outdoor", "office", "hiking", "Pebble", "Quill",
                "Scribe", "Lumen", "Trail", "Brisa", "floor lamp", "desk lamp", "reading light", "noise-cancelling", "e-ink"]
search_patterns = ["Do you carry a {q}?", "I need a {q}, what do you have?", "Show me every {q} in the catalogue.",
                   "Any {q} for sale?", "Look up {q} products for me.", "What {q} models can I choose from?",
                   "Is there a {q} in your shop?", "Could you list the {q} items?", "I'm shopping for a {q}.",
                   "Search for {q}.", "What do you sell under {q}?", "Got anything like a {q}?"]
for q in search_words:
    for p in rng.sample(search_patterns, 3):
        add("search", p.format(q=q), [call("search_products", query=q)])

# get_stock: a product id, sometimes in lower case
stock_patterns = ["How many {id} are left in the warehouse?", "Units in stock for {id}?", "Do you still have {id}?",
                  "Stock level of {id}, please.", "Tell me the stock count for {id}.", "Is {id} sold out?",
                  "How much {id} inventory is there?", "Can you look up the stock for {id}?", "{id}: how many in stock?",
                  "Are there any {id} units on the shelf?"]
for pid in sorted(stock):
    for p in rng.sample(stock_patterns, 4):
        shown = pid.lower() if rng.random() < 0.25 else pid
        add("stock", p.format(id=shown), [call("get_stock", product_id=pid)])

# order_status: order ids, some not in the shop (the call is still the right one)
order_patterns = ["What happened to order {id}?", "Status of my order {id}?", "Can you check order {id} for me?",
                  "When will order {id} be delivered?", "Is order {id} on its way?", "I placed order {id}, where is it now?",
                  "Was order {id} cancelled?", "Look up order {id}."]
order_ids = [f"A10{n:02d}" for n in range(1, 9)] + [f"A1{n:03d}" for n in rng.sample(range(10, 999), 14)]
for oid in order_ids:
    for p in rng.sample(order_patterns, 2):
        shown = oid.lower() if rng.random() < 0.2 else oid
        add("order", p.format(id=shown), [call("order_status", order_id=oid)])

# calculate: arithmetic written in words or symbols
def num():
    return rng.choice([str(rng.randint(2, 999)), f"{rng.randint(1, 199)}.{rng.randint(0, 99):02d}"])


calc_patterns = [("How much is {a} plus {b}?", "{a}+{b}"), ("Multiply {a} by {b}.", "{a}*{b}"),
                 ("What do I get if I subtract {b} from {a}?", "{a}-{b}"), ("Divide {a} by {b}, please.", "{a}/{b}"),
                 ("{a} minus {b} equals what?", "{a}-{b}"), ("Calculate {a} * {b}.", "{a}*{b}"),
                 ("What's the sum of {a} and {b}?", "{a}+{b}"), ("What is {p}% of {a}?", "{a}*{p}/100"),
                 ("I buy {k} items at {a} each; what's the total?", "{k}*{a}"), ("Work out ({a} + {b}) / 2.", "({a}+{b})/2")]
for _ in range(48):
    pat, expr = rng.choice(calc_patterns)
    values = {"a": num(), "b": num(), "p": str(rng.choice([5, 10, 12, 20, 25, 30])), "k": str(rng.randint(2, 9))}
    add("calculate", pat.format(**values), [call("calculate", expression=expr.format(**values))])

# place_order: a quantity in digits or words, optionally a delivery date in words or ISO
order_place = ["Buy {n} of {id} for me.", "I want to order {n} {id}.", "Please put in an order for {n} x {id}.",
               "Can you order {n} units of {id}?", "Get me {n} {id}, please.", "Place an order: {id}, quantity {n}."]
for _ in range(44):
    pid = rng.choice(sorted(stock))
    qty_word = rng.choice(list(words)) if rng.random() < 0.4 else None
    qty = words[qty_word] if qty_word else rng.randint(1, 15)
    text = rng.choice(order_place).format(n=qty_word or qty, id=pid)
    args = {"product_id": pid, "quantity": qty}
    if rng.random() < 0.5:
        y, mth, d = rng.choice([2026, 2027]), rng.randint(1, 12), rng.randint(1, 28)
        iso = f"{y}-{mth:02d}-{d:02d}"
        said = rng.choice([iso, f"{d} {months[mth - 1]} {y}", f"{months[mth - 1]} {ordinal.get(d, str(d) + 'th')}, {y}"])
        text = text.rstrip(".?") + rng.choice([f", to arrive on {said}.", f" and deliver it {said}.", f"; delivery {said}."])
        args["delivery_date"] = iso
    add("place", text, [call("place_order", **args)])

# no tool: greetings, thanks, general questions, answered in a short sentence
none_items = [("Hi there!", "Hello! I can search products, check stock, track orders, place orders and do sums."),
              ("Hey, anyone there?", "Yes, I'm here. How can I help with your shopping?"),
              ("Cheers, bye!", "Goodbye, and thanks for visiting the shop."),
              ("Thanks a lot for the help.", "You're welcome!"),
              ("Good evening.", "Good evening! What can I do for you?"),
              ("Who are you?", "I'm the shop's assistant: I can look up products, stock and orders."),
              ("Why is the sky blue?", "Air scatters blue light more than red light, so the sky looks blue."),
              ("Write a haiku about the sea.", "Grey waves fold and break, salt wind carries gull voices, the tide breathes again."),
              ("What is a burr grinder?", "A grinder that crushes beans between two burrs for an even grind."),
              ("How do noise-cancelling headphones work?", "They play a sound wave that cancels the outside noise."),
              ("What does IP67 mean?", "It means dust-tight and safe under one metre of water for 30 minutes."),
              ("Recommend a good book.", "Try a classic you have not read yet, such as a novel by Jane Austen."),
              ("What is the capital of Italy?", "Rome."),
              ("Can you tell me a fun fact?", "Octopuses have three hearts."),
              ("Is tea healthier than coffee?", "Both are fine in moderation; tea has less caffeine."),
              ("What's your favourite colour?", "I don't have one, but I can help you find a lamp in any colour temperature."),
              ("How should I clean a kettle?", "Boil water with a little vinegar, rinse well, and wipe the outside."),
              ("Tell me something about tents.", "A dome tent is light and quick to pitch; check its waterproof rating."),
              ("Give me a tip for better sleep.", "Keep a regular bedtime and a cool, dark room."),
              ("What does USB-C mean?", "It is a reversible connector used for charging and data."),
              ("Say something nice.", "You asked kindly, and that makes my day."),
              ("Explain what a thermostat is in one sentence.", "A thermostat switches heating on and off to hold a set temperature."),
              ("Nice to meet you.", "Nice to meet you too! How can I help?"),
              ("OK, that's everything.", "Great, have a nice day!"),
              ("Do you like music?", "I can't listen, but I can help you find a speaker."),
              ("What time is it?", "I can't see a clock, sorry."),
              ("Translate 'thank you' into French.", "Merci."),
              ("How warm is 2700 K light?", "2700 K is a warm, yellowish white, like an old bulb."),
              ("What is the weather like?", "I can't see the weather, but I can help you shop."),
              ("Suggest a name for a cat.", "How about Pebble?"),
              ("Yo!", "Hello! What are you looking for today?"),
              ("Have a good weekend.", "Thank you, you too!")]
for q, a in none_items:
    add("none", q, reply=a)


# second turns: after a search, the id from the result is used; after any result, a short answer
def product_json(p):
    return {"id": p["id"], "name": p["name"], "category": p["category"], "price_eur": float(p["price_eur"])}


second_patterns = [("Is the {name} available?", "get_stock"), ("Do you have the {name} in stock?", "get_stock"),
                   ("How many {name} are there?", "get_stock"), ("I'd like to buy one {name}.", "place_order"),
                   ("Order two {name}, please.", "place_order")]
for p in products:
    for pat, tool in rng.sample(second_patterns, 2):
        request = pat.format(name=p["name"])
        if near_test(request):
            continue
        first = call("search_products", query=p["name"])
        result = json.dumps([product_json(p)])
        args = {"product_id": p["id"]} if tool == "get_stock" else {"product_id": p["id"], "quantity": 2 if "two" in pat else 1}
        add("search", request, [first])
        add("second", request, [call(tool, **args)], history=[first, result])

# answers after single results
for pid in rng.sample(sorted(stock), 10):
    request = rng.choice(stock_patterns).format(id=pid)
    c = call("get_stock", product_id=pid)
    add("answer", request, reply=f"{pid} has {stock[pid]} units in stock." if stock[pid] else f"{pid} is out of stock right now.",
        history=[c, json.dumps({"product_id": pid, "units": stock[pid]})])
for _ in range(8):
    a, b = rng.randint(2, 99), rng.randint(2, 99)
    request = f"Multiply {a} by {b}."
    c = call("calculate", expression=f"{a}*{b}")
    add("answer", request, reply=f"{a} × {b} = {a * b}.", history=[c, json.dumps({"value": str(a * b)})])

rng.shuffle(examples)
seen, out = set(), []
for e in examples:
    key = (e["request"], len(e["history"]))
    if key in seen:
        continue
    seen.add(key)
    out.append(e)
for i, e in enumerate(out):
    e["id"] = f"T{i + 1:03d}"
    e["split"] = "heldout" if i % 9 == 0 else "train"
with open(HERE / "tool-calls.jsonl", "w", encoding="utf-8", newline="\n") as f:
    for e in out:
        f.write(json.dumps({k: e[k] for k in ["id", "split", "kind", "request", "history", "calls", "reply"]}, ensure_ascii=False) + "\n")
print(len(out), "examples:", sum(e["split"] == "train" for e in out), "train,", sum(e["split"] == "heldout" for e in out), "held-out")
