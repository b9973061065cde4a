"""ACLED typing from the sentence's own evidence, end to end through the coder (default ontology).

Every sentence is our own. A sentence passes when its events carry exactly one ACLED sub-event
type, the expected one (ACLED records one event for one reported incident); the sentences of
NOT_ACLED must give events (a CAMEO code fires) but no ACLED type.
"""
from __future__ import annotations

import pytest

CASES = {
    "Armed clash": [
        "Government troops clashed with Islamist rebels near the town of Gao on Tuesday.",
        "Taliban fighters attacked an army checkpoint in Helmand, sparking a gun battle that lasted hours.",
        "Soldiers fought al-Shabaab militants in a village west of Mogadishu on Sunday.",
        "Kurdish forces battled Islamic State militants on the outskirts of Raqqa.",
        "Rebels ambushed an army patrol in North Kivu, the military said.",
    ],
    "Government regains territory": [
        "Iraqi troops recaptured the town of Tal Afar from Islamic State militants on Thursday.",
        "Syrian government forces retook three villages from rebels in Idlib province.",
        "The Nigerian army regained control of Baga from Boko Haram fighters.",
        "Government forces liberated the district of Marawi from militants, the army said.",
        "Ukrainian troops recaptured the village of Robotyne from Russian forces.",
    ],
    "Non-state actor overtakes territory": [
        "Islamic State militants captured the town of Palmyra from Syrian government forces.",
        "Houthi rebels seized the city of Amran after days of fighting with the army.",
        "Taliban insurgents captured the district centre of Musa Qala on Monday.",
        "Al-Shabaab militants seized the town of Bulo Burde from Somali troops.",
        "Rebels overran an army base in the north of the country, officials said.",
    ],
    "Non-violent transfer of territory": [
        "Government troops withdrew from the town of Kidal, handing it over to the rebels without a fight.",
        "The militants withdrew from the villages, and the army entered them without resistance.",
        "Russian forces pulled out of the city of Kherson, leaving it to Ukrainian troops unopposed.",
        "The rebels handed over the town to government troops after they withdrew, without fighting.",
        "Ethiopian troops withdrew from Mekelle and Tigrayan forces took over the city without a fight.",
    ],
    "Chemical weapon": [
        "Government helicopters attacked the town of Saraqeb with chlorine gas, activists said.",
        "Rebels used sarin against government troops in the eastern suburbs, the ministry said.",
        "Militants fired mortar rounds filled with mustard gas at Kurdish positions.",
        "A chemical attack by government forces killed dozens of people in Douma.",
        "Islamic State fighters attacked Iraqi soldiers with chlorine near Mosul.",
    ],
    "Air/drone strike": [
        "Israeli warplanes struck Hamas positions in Gaza overnight.",
        "A US drone strike killed two al-Qaeda militants in Yemen's Shabwa province.",
        "Russian aircraft bombed rebel positions in Idlib on Sunday.",
        "Saudi-led coalition air strikes hit a Houthi base near Sanaa, killing six fighters.",
        "Turkish jets attacked Kurdish militants in northern Iraq.",
    ],
    "Suicide bomb": [
        "A suicide bomber attacked a police station in Kabul, killing eight officers.",
        "A suicide car bomb struck an army convoy near Mogadishu.",
        "Militants carried out a suicide attack on a military base in Borno state.",
        "A suicide bombing killed 14 people at a market in Maiduguri.",
        "A bomber wearing an explosive vest blew himself up at a checkpoint, killing three soldiers.",
    ],
    "Shelling/artillery/missile attack": [
        "Russian troops shelled Kharkiv overnight, killing three people.",
        "Rebels fired mortars at a government base in Dara'a on Tuesday.",
        "Houthi rebels fired a ballistic missile at the Saudi city of Jizan.",
        "Hamas militants fired rockets at southern Israel on Friday.",
        "Government artillery pounded rebel positions in the hills above the town.",
    ],
    "Remote explosive/landmine/IED": [
        "A roadside bomb killed four soldiers in Kandahar province on Monday.",
        "Militants detonated a car bomb outside a police station in Baghdad.",
        "An improvised explosive device struck a military convoy in Mali, killing two peacekeepers.",
        "A landmine killed three farmers in Mopti region, officials said.",
        "Insurgents planted a bomb that exploded near a police patrol in Quetta.",
    ],
    "Grenade": [
        "Militants hurled a grenade at a police post in Srinagar, injuring two officers.",
        "Suspected rebels threw a grenade at an army vehicle in Bujumbura.",
        "Militants threw a grenade at a bar in Mombasa, killing one person.",
        "Gunmen lobbed grenades at soldiers in the town of Jolo.",
        "Rebels carried out two grenade attacks on police stations in Manipur on Sunday.",
    ],
    "Sexual violence": [
        "Soldiers raped women in villages of Rakhine state, Human Rights Watch said.",
        "Militiamen raped dozens of women and girls in South Kivu, the UN said.",
        "Police officers sexually assaulted detainees in the capital, the report said.",
        "Armed men raped a girl in the displacement camp near Bentiu.",
        "Security forces committed rape against women during the raids, witnesses said.",
    ],
    "Attack": [
        "Gunmen killed 12 villagers in Zamfara state on Tuesday.",
        "Boko Haram fighters killed five farmers near Maiduguri.",
        "Unidentified gunmen shot dead a journalist in Mogadishu.",
        "Militiamen attacked worshippers at a church in Ituri, killing ten people.",
        "Soldiers killed three civilians at a checkpoint in the Central African Republic.",
    ],
    "Abduction/forced disappearance": [
        "Gunmen kidnapped 30 students from a school in Kaduna state.",
        "Islamic State militants abducted two aid workers in northeast Syria.",
        "Al-Shabaab fighters kidnapped a district commissioner near Garissa.",
        "Armed men abducted a priest in the Anglophone region of Cameroon.",
        "Bandits abducted 12 villagers in Niger state, police said.",
    ],
    "Peaceful protest": [
        "Thousands of protesters rallied in Minsk against the election results.",
        "Students marched through the capital to demand free education.",
        "Hundreds of farmers protested against new land laws outside parliament in Nairobi.",
        "Workers demonstrated in front of the ministry in Tunis to demand higher wages.",
        "Protesters staged a sit-in outside the presidential palace in Khartoum.",
    ],
    "Protest with intervention": [
        "Police fired tear gas to disperse protesters in Nairobi on Tuesday.",
        "Riot police used water cannon against demonstrators in the capital.",
        "Police arrested dozens of protesters during a rally in Moscow.",
        "Security forces dispersed protesters with tear gas outside the parliament in Kampala.",
        "Police detained 40 demonstrators at a march in Istanbul.",
    ],
    "Excessive force against protesters": [
        "Security forces shot dead three protesters in Khartoum on Sunday.",
        "Police opened fire on demonstrators in Lagos, killing two people.",
        "Soldiers fired live ammunition at protesters in Yangon, killing five.",
        "Police killed four protesters during a demonstration in Conakry.",
        "Troops shot and killed two demonstrators at a rally in Baghdad.",
    ],
    "Violent demonstration": [
        "Protesters threw stones at police in Tunis and set tyres on fire.",
        "Rioters torched cars and attacked police stations in Johannesburg.",
        "Demonstrators clashed with police outside the governor's office in Kano.",
        "Angry protesters stormed the parliament building in Baghdad.",
        "Rioters clashed with security forces in the streets of Port-au-Prince.",
    ],
    "Mob violence": [
        "A mob lynched a man accused of theft in Kano state.",
        "An angry mob killed two suspected thieves in a market in Lagos.",
        "Vigilantes beat a suspected kidnapper to death in Plateau state.",
        "A mob attacked a police station in Dhaka after rumours spread online.",
        "A mob burned a suspected witch alive in a village in Kenya.",
    ],
    "Agreement": [
        "The government and the rebels signed a peace agreement in Juba on Monday.",
        "Israel and Hamas agreed to a ceasefire brokered by Egypt.",
        "The warring parties signed a truce in Geneva on Friday.",
        "Colombia signed a peace deal with the FARC rebels in Havana.",
        "Russia and Ukraine exchanged prisoners as part of a ceasefire agreement.",
        "The rebels released 20 hostages in the Central African Republic.",
        "The Taliban released 300 prisoners in Kandahar.",
        "Hundreds of militants surrendered to the army in Borno state.",
    ],
    "Arrests": [
        "Police arrested three suspected militants in Mombasa.",
        "Security forces detained an opposition leader in Kampala on Tuesday.",
        "Turkish police arrested 20 people suspected of links to the Islamic State.",
        "Authorities arrested two journalists in Cairo, their lawyer said.",
        "Indian police detained five men over the bombing of a temple.",
    ],
    "Change to group/activity": [
        "The rebel group disbanded its militias in Kasai, its leader said.",
        "The army deployed troops to the border with Rwanda on Monday.",
        "The government mobilized reserve forces along the frontier.",
        "The government deployed thousands of troops in the capital on Monday.",
        "Nigeria deployed soldiers to the northern states on Tuesday.",
    ],
    "Disrupted weapons use": [
        "Police defused a roadside bomb near a school in Peshawar.",
        "Soldiers seized weapons and ammunition from a rebel hideout in the hills.",
        "The navy intercepted a shipment of weapons bound for the rebels.",
        "The army dismantled an improvised explosive device planted by militants on the highway.",
        "Security forces recovered a weapons cache belonging to the rebels near the border.",
    ],
    "Headquarters or base established": [
        "Turkish forces set up a new military base in Idlib province.",
        "The militants established a headquarters in the town after the army left.",
        "Russian troops set up a base near the airport of Qamishli.",
        "The rebels established a new base in the forest near the border.",
        "US forces set up an outpost near the oil fields of Deir ez-Zor.",
    ],
    "Looting/property destruction": [
        "Gunmen looted shops in the town of Goma on Tuesday.",
        "Militiamen torched houses in a village near Djugu.",
        "Soldiers looted homes in the town after the rebels left.",
        "Bandits burned down houses and looted property in Katsina state.",
        "Armed men destroyed property in the market of Bunia.",
    ],
    "Other": [
        "Government forces laid siege to the rebel-held town of Madaya.",
        "Saudi Arabia imposed a naval blockade on Yemen last week.",
        "Militants besieged the town of Djibo in northern Burkina Faso.",
        "Soldiers expelled thousands of villagers from their homes in Rakhine.",
        "The army blockaded the rebel-held district for a month.",
    ],
}

NOT_ACLED = [
    "The president met the French foreign minister in Paris on Monday.",
    "Iran condemned the United States for its new sanctions.",
    "The prime minister said the talks with the rebels were going well.",
    "Germany praised Poland for its handling of the refugee crisis.",
    "China urged Japan to resume negotiations over the islands.",
    "The UN Secretary-General called for restraint in the region.",
    "Russia expelled two British diplomats on Thursday.",
    "The US promised economic aid to Ukraine.",
    "The foreign ministers of Egypt and Jordan discussed the crisis in Cairo.",
    "Kenya accused Somalia of meddling in its affairs.",
    "India rejected the proposal of Pakistan for talks.",
    "The European Union imposed sanctions on Belarus.",
    "Turkey threatened to launch an offensive against Kurdish militias.",
    "The president appealed to the opposition for calm.",
    "Brazil recalled its ambassador from Israel.",
    "An earthquake struck the coast of Peru, killing three people.",
    "A gas explosion at a chemical factory killed five workers in Tianjin.",
    "The government sent food aid to villages hit by the storm.",
    "The Russian president visited China on Tuesday.",
    "Japan and South Korea agreed to cooperate on trade.",
    # ACLED records what took place: not a denied, planned or possible act
    "The army did not attack the rebel positions near Kidal.",
    "Government troops will attack the rebel stronghold next week.",
    "The militants could attack the capital at any time.",
]


@pytest.fixture(scope="module")
def coder():
    from coder import Coder

    # Typing is measured on every trigger that fired: one-sided events are the engine's part.
    return Coder(require_dyad=False, geocode=False)


def _sub_types(coder, text):
    events = coder.code_text(text, date="2021-06-01")
    return events, {e["acled_sub_event_type"] for e in events if e["acled_sub_event_type"]}


@pytest.mark.parametrize("sub_type,text", [(k, t) for k, texts in CASES.items() for t in texts])
def test_sub_event_type_from_the_sentence(coder, sub_type, text):
    events, types = _sub_types(coder, text)
    assert events, "no CAMEO event fired"
    assert types == {sub_type}


@pytest.mark.parametrize("text", NOT_ACLED)
def test_events_acled_does_not_record_get_no_type(coder, text):
    events, types = _sub_types(coder, text)
    assert events, "no CAMEO event fired"
    assert types == set()
    assert all(e["acled_event_type"] is None and e["acled_disorder_type"] is None for e in events)


def test_every_sub_event_type_has_five_sentences():
    from coder.coding.acled import acled_files, load_rules

    typology = load_rules(acled_files(None)).typology
    assert set(CASES) == set(typology)
    assert all(len(texts) >= 5 for texts in CASES.values())
    assert len(NOT_ACLED) >= 20
