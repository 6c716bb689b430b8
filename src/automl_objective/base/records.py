"""Dataclasses that cost nothing to define: :func:`record` for the public types every run
builds (a finding, a file's result); and :class:`Replaceable`, the ``_replace`` of the
internal plain slotted classes that stand where a NamedTuple's class would cost start-up.

Importing :mod:`dataclasses` (and with it ``inspect``, ``ast``, ``dis``, ``tokenize``) and
letting it write each class's methods cost about a quarter of a cold ``validate``'s
instructions (measured: 57 M of 229 M). A class made a :func:`record` writes its own
``__init__`` (for speed: findings are built by the thousand) and gets ``__repr__``,
``__eq__``, ``__hash__``, ``__match_args__``, ``__replace__`` and, when frozen, ``__setattr__`` and
``__delattr__`` here, each as the dataclass would write it. What makes it a dataclass to its
users, ``__dataclass_fields__`` and ``__dataclass_params__``, is built by :mod:`dataclasses`
itself, from the class's annotations and defaults, the first time anything asks for it
(``dataclasses.fields``, ``replace``, ``asdict``, ``is_dataclass``): a run that never asks
never imports it. The type checker is told the class is a dataclass (``@dataclass`` under
``TYPE_CHECKING``); tests/api/test_public_records.py holds each record to the dataclass of
the same fields, behaviour by behaviour.

Typing's own records the same way: :class:`NamedTuple` stands for ``typing.NamedTuple`` at
run time (the class statement is the one the type checker reads), and
:func:`typing_on_first_use` gives a module's ``Literal`` aliases to their first reader, so
that a process reporting findings never imports typing (13 M instructions).
"""

from __future__ import annotations

from collections import namedtuple
from operator import attrgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Self, TypeVar

    T = TypeVar("T", bound=type)


class Replaceable:
    """A plain slotted class whose ``__slots__`` are its fields, each a keyword of its
    ``__init__``: :meth:`_replace` as a NamedTuple's (an input kind, a file's contents, a
    request inside it; a NamedTuple's class cost 0.6 M instructions of every start-up)."""

    __slots__ = ()

    def _replace(self, **changes: Any) -> Self:
        """A copy with ``changes``."""
        names: tuple[str, ...] = type(self).__slots__
        fields = {name: getattr(self, name) for name in names}
        return type(self)(**(fields | changes))


class _Factory:
    """A default made by calling ``make`` for each instance (``field(default_factory=...)``)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make

    def __repr__(self) -> str:
        return "<factory>"


def field(*, default_factory: Callable[[], Any]) -> Any:
    """``dataclasses.field(default_factory=...)``, for a :func:`record`."""
    return _Factory(default_factory)


class _Metadata:
    """``__dataclass_fields__`` or ``__dataclass_params__`` of a record: on first access both
    are built by :mod:`dataclasses` (a dataclass of the same annotations and defaults) and
    put on the class in place of this descriptor."""

    def __init__(self, owner: type, frozen: bool, factories: dict[str, Callable[[], Any]]) -> None:
        self.owner, self.frozen, self.factories = owner, frozen, factories

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        import dataclasses

        cls = self.owner
        namespace: dict[str, Any] = {
            "__annotations__": dict(cls.__annotations__),
            "__module__": cls.__module__,
            "__qualname__": cls.__qualname__,
        }
        for name in cls.__annotations__:
            if name in self.factories:
                namespace[name] = dataclasses.field(default_factory=self.factories[name])
            elif name in cls.__dict__:
                namespace[name] = cls.__dict__[name]
        reference: type = dataclasses.dataclass(frozen=self.frozen)(
            type(cls.__name__, (), namespace)
        )
        for attribute in ("__dataclass_fields__", "__dataclass_params__"):
            setattr(cls, attribute, getattr(reference, attribute))
        return getattr(cls, self.name)

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name


def record(*, frozen: bool = False) -> Callable[[T], T]:
    """Make ``cls`` (with its own ``__init__``) a dataclass as ``@dataclass(frozen=...)``
    would, without importing :mod:`dataclasses` (see the module's docstring)."""

    def make(cls: T) -> T:
        assert cls.__bases__ == (object,), "a record builds on nothing (its methods assume it)"
        names = tuple(cls.__annotations__)
        factories = {}
        for name in names:
            default = cls.__dict__.get(name)
            if isinstance(default, _Factory):
                factories[name] = default.make
                delattr(cls, name)  # as dataclass does: no class attribute for a factory
        for attribute in ("__dataclass_fields__", "__dataclass_params__"):
            metadata = _Metadata(cls, frozen, factories)
            metadata.__set_name__(cls, attribute)
            setattr(cls, attribute, metadata)
        _add_methods(cls, names, frozen)
        return cls

    return make


def _add_methods(cls: type, names: tuple[str, ...], frozen: bool) -> None:
    owner: type = cls
    values = attrgetter(*names) if len(names) > 1 else (lambda self: (getattr(self, names[0]),))
    shown = [f"{name}={{!r}}" for name in names]
    layout = ", ".join(shown)

    def __repr__(self: Any) -> str:
        return f"{self.__class__.__qualname__}({layout.format(*values(self))})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return bool(values(self) == values(other))
        return NotImplemented

    def __replace__(self: Any, /, **changes: Any) -> Any:  # copy.replace (Python 3.13)
        import dataclasses

        return dataclasses.replace(self, **changes)

    methods: dict[str, Any] = {
        "__match_args__": names,
        "__repr__": __repr__,
        "__eq__": __eq__,
        "__hash__": None,
        "__replace__": __replace__,
    }
    if frozen:

        def __hash__(self: Any) -> int:
            return hash(values(self))

        def __setattr__(self: Any, name: str, value: object) -> None:
            if type(self) is owner or name in names:
                from dataclasses import FrozenInstanceError

                raise FrozenInstanceError(f"cannot assign to field {name!r}")
            object.__setattr__(self, name, value)  # a record's base

        def __delattr__(self: Any, name: str) -> None:
            if type(self) is owner or name in names:
                from dataclasses import FrozenInstanceError

                raise FrozenInstanceError(f"cannot delete field {name!r}")
            object.__delattr__(self, name)

        methods.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__)
    for name, method in methods.items():
        if callable(method):
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)


class LiteralOnFirstUse:
    """``typing.Literal``, imported when an annotation that names it is resolved
    (``typing.get_type_hints``): a public record's field of a few strings
    (``Resolution.source``), in a run that never imports typing."""

    __slots__ = ()

    def __getitem__(self, values: Any) -> Any:
        from typing import Literal

        return Literal[values]


class LiteralLater:
    """``Literal[...]`` where a run must not import typing (``codes.Severity``): typing's
    ``Literal`` of its values, made by :func:`typing_on_first_use` when first read."""

    __slots__ = ("values",)

    def __init__(self, values: Any) -> None:
        self.values = values

    def __class_getitem__(cls, values: Any) -> LiteralLater:
        return cls(values)

    def realised(self) -> Any:
        from typing import Literal

        return Literal[self.values]


def typing_on_first_use(namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module's ``__getattr__`` (``namespace`` its globals) that gives each of its names
    bound to a :class:`LiteralLater` as typing's ``Literal``, made on first read: a reader
    of ``codes.Severity`` (an import of it, ``typing.get_type_hints(Finding)``) gets the type
    itself, while a run that never reads it never imports typing."""
    later = {name: value for name, value in namespace.items() if isinstance(value, LiteralLater)}
    for name in later:
        del namespace[name]
    module = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        if name not in later:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        namespace[name] = made = later[name].realised()
        return made

    return __getattr__


class _NamedTupleType(type):
    """Makes a class written as a ``typing.NamedTuple`` (its fields annotated, with their
    defaults, its own methods) into the ``collections.namedtuple`` typing would make of it,
    without importing typing (13 M instructions of every process that reports a finding).
    The annotations are kept as written (strings, under ``from __future__ import
    annotations``): ``typing.get_type_hints`` resolves them in the class's module."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(mcs, name, bases, namespace)
        annotations: dict[str, Any] = namespace.get("__annotations__", {})
        defaults = [namespace[field] for field in annotations if field in namespace]
        made = namedtuple(  # type: ignore[misc]  # a name and fields known at run time only
            name,
            tuple(annotations),
            defaults=defaults,  # type: ignore[misc]
            module=namespace["__module__"],
        )
        made.__annotations__ = made.__new__.__annotations__ = annotations
        for key, value in namespace.items():
            if key not in annotations and key not in ("__module__", "__annotations__"):
                setattr(made, key, value)
                if hasattr(value, "__set_name__"):
                    value.__set_name__(made, key)
        return made


class NamedTuple(metaclass=_NamedTupleType):
    """``typing.NamedTuple`` as a base, at run time (``if TYPE_CHECKING: from typing import
    NamedTuple``, else this): each class written on it is a ``collections.namedtuple`` of its
    annotated fields, with the same name, fields, defaults, methods, annotations, repr and
    pickling as typing's."""


class ModuleOnFirstUse:
    """A module whose names are imported when the first one is read: for the annotations of a
    public record naming types a clean run never builds (``Finding.code: _codes.Code``), so
    that ``typing.get_type_hints`` (pydantic, serialisers) still resolves them to the types
    themselves, while ``validate`` over clean files never imports the module."""

    __slots__ = ("_module",)

    def __init__(self, module: str) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(__import__(self._module, fromlist=[name]), name)
