"""Generic English-Chinese vocabulary of the emulation campaigns, for :mod:`kg.extract.chinese`.

Only common words of the domain are listed here: kinds of units, organizations,
campaigns and places (the heads of names), industries, campaign and ownership
words, compass points. Proper names are not listed: they are read by
transliteration (pinyin for Chinese names, sound for foreign ones). The one
exception is states, whose Chinese names are translations ("Soviet Union" is
苏联), not transliterations.

Keys are lower case and singular; each value lists the ways the Chinese writes
the word, the usual one first.
"""

from __future__ import annotations

from kg.nlp.pinyin import PINYIN_SYLLABLES as _PINYIN_SYLLABLES

# Kinds of units, organizations, campaigns and places. A name made of one of
# these alone ("the committee") is a common noun, not a name.
HEADS: dict[str, tuple[str, ...]] = {
    # campaigns
    "competition": ("竞赛",),
    "emulation": ("竞赛",),
    "contest": ("竞赛", "比赛"),
    "campaign": ("运动",),
    "movement": ("运动",),
    "drive": ("运动",),
    # the Party, committees, offices
    "communist party": ("共产党",),
    "communist party of china": ("中共", "中国共产党"),
    "chinese communist party": ("中共", "中国共产党"),
    "cpc": ("中共",),
    "party": ("党",),
    "committee": ("委员会", "委"),
    "party committee": ("党委", "党委员会"),
    "municipal committee": ("市委",),
    "provincial committee": ("省委",),
    "county committee": ("县委",),
    "prefectural committee": ("地委",),
    "central committee": ("中央", "中央委员会"),
    "party branch": ("党支部", "支部"),
    "general branch": ("总支", "党总支"),
    "branch": ("支部", "分会"),
    "trade union": ("工会",),
    "bureau": ("局",),
    "administration bureau": ("管理局",),
    "ministry": ("部",),
    "department": ("部", "处"),
    "section": ("科", "股", "段"),
    "office": ("办公室", "处"),
    "news agency": ("社", "通讯社"),
    # units of production
    "enterprise": ("企业",),
    "joint enterprise": ("联合企业",),
    "trust": ("托拉斯", "托辣斯"),
    "company": ("公司",),
    "corporation": ("公司", "总公司"),
    "factory": ("工厂", "厂"),
    "plant": ("厂", "工厂"),
    "mill": ("厂",),
    "works": ("厂",),
    "cotton mill": ("纱厂", "棉纺厂"),
    "foundry": ("铸造厂",),
    "shipyard": ("造船厂",),
    "refinery": ("炼油厂",),
    "combine": ("联合企业", "联合工厂"),
    "power plant": ("发电厂", "电厂"),
    "power station": ("发电站", "电站"),
    "mine": ("矿", "井", "矿井"),
    "coal mine": ("煤矿",),
    "colliery": ("煤矿",),
    "shaft": ("井",),
    "well": ("井",),
    "vertical shaft": ("立井",),
    "inclined shaft": ("斜井",),
    "factory and mine": ("厂矿", "工矿"),
    "workshop": ("车间",),
    "team": ("队",),
    "work team": ("工作队",),
    "brigade": ("大队", "队"),
    "group": ("小组", "组"),
    "shift": ("班",),
    "cooperative": ("合作社", "社"),
    "commune": ("公社",),
    "people's commune": ("人民公社",),
    "farm": ("农场",),
    "station": ("站",),
    # places
    "province": ("省",),
    "city": ("市",),
    "county": ("县",),
    "region": ("区", "州", "地区"),
    "oblast": ("州",),
    "district": ("区",),
    "zone": ("区",),
    "area": ("地区", "区"),
    "republic": ("共和国",),
}

# Modifiers: industries, campaign words, ownership, scope, compass points.
WORDS: dict[str, tuple[str, ...]] = {
    # industries and trades
    "coal": ("煤", "煤炭"),
    "coal industry": ("煤业", "煤炭工业"),
    "coal mining": ("采煤",),
    "mining": ("采矿", "矿业"),
    "tunneling": ("掘进",),
    "tunnelling": ("掘进",),
    "electricity": ("电业", "电力"),
    "electric power": ("电力",),
    "electric": ("电",),
    "electric furnace": ("电炉",),
    "furnace": ("炉",),
    "steel": ("钢",),
    "iron": ("铁",),
    "iron and steel": ("钢铁",),
    "metallurgical": ("冶金",),
    "machinery": ("机械",),
    "machine": ("机器", "机"),
    "machine tool": ("机床",),
    "machine-building": ("机器制造",),
    "tractor": ("拖拉机",),
    "automobile": ("汽车",),
    "motor vehicle": ("汽车",),
    "mechanical": ("机械",),
    "textile": ("纺织",),
    "cotton": ("棉",),
    "cotton textile": ("棉纺织", "棉纺"),
    "wool": ("毛", "绒", "毛纺"),
    "woollen": ("毛纺", "呢绒"),
    "woolen": ("毛纺", "呢绒"),
    "fine": ("细",),
    "silk": ("丝绸", "丝"),
    "knitting": ("针织",),
    "printing and dyeing": ("印染",),
    "printing": ("印刷",),
    "flour": ("面粉",),
    "rubber": ("橡胶",),
    "fertilizer": ("化肥",),
    "chemical": ("化工", "化学"),
    "cement": ("水泥",),
    "paper": ("造纸",),
    "glass": ("玻璃",),
    "oil": ("石油",),
    "petroleum": ("石油",),
    "railway": ("铁路",),
    "railroad": ("铁路",),
    "transport": ("运输",),
    "transportation": ("运输",),
    "inspection": ("检查", "检验"),
    "repair": ("修理", "检修"),
    "construction": ("建设", "建筑"),
    "building": ("建筑",),
    "engineering": ("工程",),
    "equipment": ("设备",),
    "industry": ("工业",),
    "industrial": ("工业",),
    "light industry": ("轻工业",),
    "heavy industry": ("重工业",),
    "agriculture": ("农业",),
    "agricultural": ("农业",),
    "forestry": ("林业",),
    "timber": ("木材",),
    "bearing": ("轴承",),
    "ball bearing": ("滚珠轴承", "轴承"),
    "locomotive": ("机车",),
    "rolling stock": ("车辆",),
    "shipbuilding": ("造船",),
    "coke": ("焦", "焦化"),
    "coking": ("焦化",),
    "pharmaceutical": ("制药",),
    "sugar": ("制糖", "糖"),
    "tobacco": ("烟草", "卷烟"),
    "cigarette": ("卷烟",),
    "dye": ("染料",),
    "dyeing": ("印染", "染"),
    "spinning": ("纺纱", "纺"),
    "weaving": ("织布", "织"),
    "electrical": ("电机", "电器", "电工"),
    "electrical machinery": ("电机",),
    "electric motor": ("电机",),
    "transformer": ("变压器",),
    "boiler": ("锅炉",),
    "instrument": ("仪表", "仪器"),
    "tool": ("工具",),
    "cutting tool": ("刃具", "工具"),
    "tire": ("轮胎",),
    "tyre": ("轮胎",),
    "brick": ("砖",),
    "power": ("电", "电力"),
    "hydroelectric": ("水电", "水力发电"),
    "thermal power": ("火力发电", "热电"),
    "heavy machinery": ("重型机器", "重型机械"),
    "mining machinery": ("矿山机械",),
    "farm machinery": ("农业机械", "农机"),
    "farm tool": ("农具",),
    "leather": ("皮革",),
    "shoe": ("鞋",),
    "food": ("食品",),
    "canning": ("罐头",),
    "brewery": ("酿酒", "酒"),
    "porcelain": ("瓷", "陶瓷"),
    "ceramics": ("陶瓷",),
    "salt": ("盐",),
    "aluminum": ("铝",),
    "aluminium": ("铝",),
    "copper": ("铜",),
    "lead": ("铅",),
    "zinc": ("锌",),
    "non-ferrous metal": ("有色金属",),
    "nonferrous metal": ("有色金属",),
    "gold": ("金",),
    "bicycle": ("自行车",),
    "sewing machine": ("缝纫机",),
    "radio": ("无线电",),
    # work and campaigns
    "production": ("生产",),
    "increase production": ("增产",),
    "increased production": ("增产",),
    "economy": ("节约",),
    "practice economy": ("节约",),
    "saving": ("节约",),
    "thrift": ("节约",),
    "reform": ("改革",),
    "technical": ("技术",),
    "technology": ("技术",),
    "innovation": ("革新",),
    "revolution": ("革命",),
    "work": ("工作",),
    "worker": ("工人", "职工"),
    "employee": ("职工",),
    "labor": ("劳动",),
    "labour": ("劳动",),
    "leading": ("领导",),
    "cadre": ("干部",),
    "advanced": ("先进",),
    "backward": ("后进", "落后"),
    "collaboration": ("协作",),
    "cooperation": ("协作", "合作"),
    "mutual assistance": ("互助",),
    "mutual aid": ("互助",),
    "mutual help": ("互助",),
    "friendship": ("友谊",),
    "socialist": ("社会主义",),
    "communist": ("共产主义",),
    "patriotic": ("爱国",),
    "high yield": ("丰产", "高产"),
    "quality": ("质量", "优质"),
    "high quality": ("优质",),
    "safety": ("安全",),
    "inter-factory": ("厂际",),
    "intra-factory": ("厂内",),
    "inter-mine": ("矿际",),
    "large-scale": ("大",),
    "great": ("大",),
    "new": ("新",),
    "red": ("红",),
    "red flag": ("红旗",),
    "red banner": ("红旗",),
    "flag": ("旗",),
    "banner": ("旗",),
    "star": ("星",),
    "east wind": ("东风",),
    "leap forward": ("跃进",),
    "great leap forward": ("大跃进",),
    "mountain": ("山",),
    "river": ("河", "江"),
    "lake": ("湖",),
    # ownership
    "state-owned": ("国营", "国有"),
    "local": ("地方",),
    "public": ("公营",),
    "private": ("私营",),
    "joint state-private": ("公私合营",),
    # scope
    "across the country": ("全国", "全国各"),
    "throughout the country": ("全国", "全国各"),
    "nationwide": ("全国", "全国各"),
    "national": ("全国",),
    "throughout the region": ("全区", "全区各"),
    "major": ("主要",),
    "main": ("主要",),
    "key": ("重点",),
    "largest": ("最大的", "最大"),
    "biggest": ("最大的", "最大"),
    "best": ("最好的", "最好"),
    # states, by their Chinese names
    "soviet union": ("苏联",),
    "soviet": ("苏联",),
    "ussr": ("苏联",),
    "people's republic of china": ("中华人民共和国",),
    "korea": ("朝鲜",),
    "vietnam": ("越南",),
    "mongolia": ("蒙古",),
    "poland": ("波兰",),
    "czechoslovakia": ("捷克斯洛伐克",),
    "hungary": ("匈牙利",),
    "romania": ("罗马尼亚",),
    "bulgaria": ("保加利亚",),
    "albania": ("阿尔巴尼亚",),
    "yugoslavia": ("南斯拉夫",),
    "german democratic republic": ("德意志民主共和国",),
    "east germany": ("民主德国",),
    "united states": ("美国",),
    "britain": ("英国",),
    "great britain": ("英国",),
    "japan": ("日本",),
    "india": ("印度",),
    "france": ("法国",),
}

# Compass points: the Chinese may add 地区 ("area") after them.
COMPASS: dict[str, tuple[str, ...]] = {
    "north": ("北",),
    "south": ("南",),
    "east": ("东",),
    "west": ("西",),
    "central": ("中",),
    "northeast": ("东北",),
    "north-east": ("东北",),
    "northwest": ("西北",),
    "north-west": ("西北",),
    "southeast": ("东南",),
    "south-east": ("东南",),
    "southwest": ("西南",),
    "south-west": ("西南",),
    # the region of the Party's regional bureau (1949-54, 1961-66) and of the 1940s one
    "central south": ("中南",),
    "central-south": ("中南",),
    "south central": ("中南",),
    "south-central": ("中南",),
    "central china": ("中南", "华中"),
}

# Words the Chinese may leave out: "Northwest China" is 西北, "North China" 华北.
OPTIONAL: dict[str, tuple[str, ...]] = {
    "china": ("华",),
}

# English words with no Chinese of their own (in lower case only: "An" is a surname).
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "in", "and", "to", "this", "that", "these", "those", "its",
                            "their", "for", "at", "on", "by"})

# What may stand between the parts of a name in Chinese, and when.
AND_FILLERS = ("和", "与", "及", "、")  # for "and"
MEASURE_WORDS = ("个", "家", "座", "名", "位")  # after a number
AREA_FILLERS = ("地区",)  # after a compass point

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}


def number_word(word: str) -> int | None:
    """An English number written in words, lower case ("fourteen", "thirty-five"), or None."""
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    tens, _, ones = word.partition("-")
    if ones and NUMBER_WORDS.get(tens, 0) >= 20 and NUMBER_WORDS.get(ones, 10) < 10:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[ones]
    return None

# Characters the Chinese uses to write foreign (mostly Russian) names by sound, after the
# usual transliteration tables; very common words' characters are left out.
TRANSLITERATION = frozenset(
    "阿埃艾爱安昂敖奥澳巴拜班邦鲍贝本比彼毕宾波伯勃博布采策查察柴昌楚春茨达大丹德登迪狄蒂丁杜敦顿俄厄恩尔"
    "法凡范菲费芬丰冯佛夫弗伏福盖干甘冈戈格根古贡瓜圭哈汉豪赫亨洪胡怀霍基吉济季加贾杰捷津久卡凯坎康考柯科克"
    "刻肯孔库夸奎昆拉莱赖兰朗劳勒雷蕾黎里利莉丽列林琳留柳龙隆卢鲁伦罗洛马玛迈麦曼芒梅蒙孟米密敏缪莫墨默"
    "姆穆纳娜奈南楠瑙内尼妮涅宁纽努诺欧帕潘庞佩彭蓬皮普齐奇契恰乔切钦琴丘秋热若萨塞赛桑瑟森沙莎尚绍舍申"
    "什施舒斯松苏索塔泰坦汤唐特滕提廷图托瓦娃万旺威韦维温沃乌伍西希锡夏肖谢辛欣雄休雅亚娅扬耶叶伊依尤"
    "扎泽詹兹佐卓祖措·"
)

# The syllables of pinyin (kept with the pinyin reader, kg/nlp/pinyin.py)
PINYIN_SYLLABLES = _PINYIN_SYLLABLES

