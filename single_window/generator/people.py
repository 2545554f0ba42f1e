"""Buyers: Chinese names, mobile numbers, real districts and addresses, ID numbers with a GB 11643 check digit."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

# GB 11643-1999: weights of the first 17 digits; the weighted sum mod 11 indexes the check character.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢沈姚钟"
    "姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛段雷龙黎史陶贺毛郝顾龚邵万武钱戴严莫孔向常汤康易乔赖文"
)
GIVEN_FEMALE = "丽娟敏静婷雪慧颖琳欣怡佳琪悦萱晓雯玲芳燕霞倩蕾梦诗雨思可嘉涵梓紫媛洁"
GIVEN_MALE = "伟强磊军勇杰涛明超鹏浩宇轩博文俊飞鑫斌辉刚健峰晨阳凯帅翔哲然泽宁"
MOBILE_PREFIXES = tuple(f"1{digits}" for digits in (30, 31, 32, 33, 35, 36, 37, 38, 39, 50, 51, 52, 53, 55, 56))
MOBILE_PREFIXES += tuple(f"1{digits}" for digits in (57, 58, 59, 77, 80, 81, 82, 83, 85, 86, 87, 88, 89, 99))
ESTATES = ("阳光花园", "金色家园", "桂花园", "万科城", "锦绣华庭", "翠苑小区", "和平新村", "滨江花园", "东方名苑")


@dataclass(frozen=True)
class District:
    """A county-level division: its GB/T 2260 code and a few real streets in it."""

    code: str
    province: str
    city: str
    name: str
    streets: tuple[str, ...]


# Municipalities (北京, 上海, 天津, 重庆) have no city level in an address.
DISTRICTS = (
    District("330106", "浙江省", "杭州市", "西湖区", ("文三路", "天目山路", "古墩路", "学院路")),
    District("330102", "浙江省", "杭州市", "上城区", ("解放路", "钱江路", "望江东路")),
    District("330108", "浙江省", "杭州市", "滨江区", ("江南大道", "滨盛路", "长河路")),
    District("330110", "浙江省", "杭州市", "余杭区", ("文一西路", "五常大道")),
    District("330212", "浙江省", "宁波市", "鄞州区", ("天童南路", "钱湖北路")),
    District("310115", "上海市", "", "浦东新区", ("张杨路", "世纪大道", "锦绣路")),
    District("310104", "上海市", "", "徐汇区", ("漕溪北路", "虹桥路")),
    District("110105", "北京市", "", "朝阳区", ("建国路", "朝阳北路", "望京街")),
    District("110108", "北京市", "", "海淀区", ("中关村大街", "学院路")),
    District("120101", "天津市", "", "和平区", ("南京路", "滨江道")),
    District("500103", "重庆市", "", "渝中区", ("民族路", "中山三路")),
    District("440305", "广东省", "深圳市", "南山区", ("科技园南路", "深南大道", "后海大道")),
    District("440106", "广东省", "广州市", "天河区", ("天河路", "体育西路", "黄埔大道西")),
    District("320508", "江苏省", "苏州市", "姑苏区", ("人民路", "干将东路")),
    District("320106", "江苏省", "南京市", "鼓楼区", ("中山北路", "湖南路")),
    District("510107", "四川省", "成都市", "武侯区", ("人民南路四段", "科华北路")),
    District("420106", "湖北省", "武汉市", "武昌区", ("中南路", "武珞路")),
    District("350203", "福建省", "厦门市", "思明区", ("湖滨南路", "厦禾路")),
    District("370212", "山东省", "青岛市", "崂山区", ("香港东路", "海尔路")),
    District("610113", "陕西省", "西安市", "雁塔区", ("小寨东路", "长安南路")),
    District("430104", "湖南省", "长沙市", "岳麓区", ("麓山南路", "桐梓坡路")),
    District("410105", "河南省", "郑州市", "金水区", ("花园路", "经三路")),
)


@dataclass(frozen=True)
class Buyer:
    """The purchaser, who in these sets also pays and receives the parcel."""

    name: str
    id_number: str
    telephone: str
    reg_no: str
    address: str
    district: str


def id_check_digit(first_17: str) -> str:
    """The GB 11643-1999 check character (0-9 or X) of an 18-character resident ID number."""
    if len(first_17) != 17 or not first_17.isdigit():
        raise ValueError(f"need the first 17 digits of an ID number, got {first_17!r}")
    return ID_CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first_17, ID_WEIGHTS, strict=True)) % 11]


def is_valid_id_number(number: str) -> bool:
    return len(number) == 18 and number[:17].isdigit() and id_check_digit(number[:17]) == number[17]


def make_buyer(rng: random.Random, today: date) -> Buyer:
    male = rng.random() < 0.45  # cross-border shoppers lean female (cosmetics, infant formula)
    home = rng.choice(DISTRICTS)
    return Buyer(
        name=_name(rng, male),
        id_number=id_number(rng, birthplace=rng.choice(DISTRICTS).code, today=today, male=male),
        telephone=rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
        reg_no=f"yc_{rng.randrange(10**8, 10**9)}",
        address=_address(rng, home),
        district=home.code,
    )


def id_number(rng: random.Random, *, birthplace: str, today: date, male: bool) -> str:
    """Area, birth date (aged 20-60), sequence (odd for men, even for women), check character."""
    born = today - timedelta(days=rng.randrange(20 * 365, 60 * 365))
    sequence = rng.randrange(1, 500) * 2 + (1 if male else 0)
    first_17 = f"{birthplace}{born:%Y%m%d}{sequence:03d}"
    return first_17 + id_check_digit(first_17)


def _name(rng: random.Random, male: bool) -> str:
    given = GIVEN_MALE if male else GIVEN_FEMALE
    return rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))


def _address(rng: random.Random, district: District) -> str:
    street = f"{rng.choice(district.streets)}{rng.randrange(1, 400)}号"
    building, entrance, floor, flat = (
        rng.randrange(1, 30),
        rng.randrange(1, 5),
        rng.randrange(1, 33),
        rng.randrange(1, 5),
    )
    home = f"{rng.choice(ESTATES)}{building}幢{entrance}单元{floor}0{flat}室"
    return f"{district.province}{district.city}{district.name}{street}{home}"
