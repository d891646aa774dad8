"""Synthetic Korean people, phones and addresses for buyer orders (no real person's data)."""

from __future__ import annotations

import random
from dataclasses import dataclass

_SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍전고문손양배백허남심노하곽성차주우구민유나진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감호제"
_GIVEN = ("민준", "서연", "도윤", "서윤", "하준", "지우", "시우", "하은", "주원", "지유", "지호", "수아",
          "예준", "지아", "은우", "서아", "건우", "하린", "현우", "다은", "유준", "채원", "정우", "수빈",
          "우진", "지민", "선우", "예린", "연우", "소율", "민재", "윤서", "승현", "가은", "지훈", "예은")
_ROADS = (
    ("서울특별시 강남구 테헤란로", "06236"), ("서울특별시 마포구 월드컵북로", "03925"),
    ("서울특별시 송파구 올림픽로", "05551"), ("서울특별시 종로구 세종대로", "03154"),
    ("부산광역시 해운대구 센텀중앙로", "48058"), ("부산광역시 부산진구 중앙대로", "47285"),
    ("대구광역시 수성구 동대구로", "42117"), ("인천광역시 연수구 컨벤시아대로", "21998"),
    ("광주광역시 서구 상무중앙로", "61949"), ("대전광역시 유성구 대학로", "34134"),
    ("울산광역시 남구 삼산로", "44706"), ("세종특별자치시 한누리대로", "30151"),
    ("경기도 성남시 분당구 판교역로", "13529"), ("경기도 수원시 영통구 광교중앙로", "16514"),
    ("경기도 고양시 일산동구 중앙로", "10403"), ("강원특별자치도 춘천시 중앙로", "24265"),
    ("충청북도 청주시 상당구 상당로", "28542"), ("전북특별자치도 전주시 완산구 팔달로", "54997"),
    ("경상남도 창원시 성산구 중앙대로", "51495"), ("제주특별자치도 제주시 연북로", "63122"),
)
_MEMOS = ("부재 시 문 앞에 놓아주세요", "배송 전 연락 부탁드립니다", "경비실에 맡겨주세요", "", "", "")


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    phone: str
    base_address: str
    detailed_address: str
    zip_code: str
    memo: str
    login_id: str


class SyntheticPeople:
    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def name(self) -> str:
        return self._rng.choice(_SURNAMES) + self._rng.choice(_GIVEN)

    def phone(self) -> str:
        r = self._rng.randrange
        return f"010-{r(2000, 10000):04d}-{r(0, 10000):04d}"

    def person(self) -> Person:
        rng = self._rng
        road, zip_code = rng.choice(_ROADS)
        base = f"{road} {rng.randrange(1, 400)}"
        detail = f"{rng.randrange(101, 120)}동 {rng.randrange(1, 25)}{rng.randrange(1, 5):02d}호"
        login = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8))
        return Person(self.name(), self.phone(), base, detail, zip_code, rng.choice(_MEMOS), login)


def mask_name(name: str) -> str:
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_login(login: str) -> str:
    return login[:3] + "*" * max(len(login) - 3, 1)
